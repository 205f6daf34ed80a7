namespace Kestra.Security.Oidc.WebSample.Hosting;

/// <summary>The sample's own command-line switches; everything about SSO comes from the Kestra YAML file.</summary>
/// <param name="ConfigPath">The Kestra YAML file (<c>--config</c>); <c>application.yml</c> beside the sample by default.</param>
/// <param name="ExitOnStdinClose">Stop when standard input closes (<c>--exit-on-stdin-close true</c>), so a test harness that dies leaves nothing behind.</param>
internal sealed record SampleSettings(string ConfigPath, bool ExitOnStdinClose)
{
    public static SampleSettings From(IConfiguration configuration) => new(
        Path.GetFullPath(configuration["config"] ?? Path.Combine(AppContext.BaseDirectory, "application.yml")),
        configuration.GetValue("exit-on-stdin-close", false));
}
