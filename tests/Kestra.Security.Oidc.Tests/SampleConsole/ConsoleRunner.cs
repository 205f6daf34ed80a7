using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary>Runs <c>kestra-oidc</c> in the TestData folder, so tests name files relative to it.</summary>
internal static class ConsoleRunner
{
    public static Task<SampleConsoleProcess.Run> RunAsync(params string[] args) => SampleConsoleProcess.RunAsync(TestFiles.PathOf(), args);
}
