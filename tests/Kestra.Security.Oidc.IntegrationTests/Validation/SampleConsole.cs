using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary>Runs <c>kestra-oidc</c> as a process against the live provider.</summary>
internal static class SampleConsole
{
    public static Task<SampleConsoleProcess.Run> RunAsync(params string[] args) => SampleConsoleProcess.RunAsync(null, args);
}
