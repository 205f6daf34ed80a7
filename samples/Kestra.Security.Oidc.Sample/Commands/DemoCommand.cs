using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>
/// The no-argument demo: the Keycloak guide's configuration and a bundled Keycloak ID-token payload without
/// <c>resource_access.kestra</c>, resolved through the real resolver: the default Editor role applies.
/// </summary>
internal static class DemoCommand
{
    public static int Execute(FormatSettings settings)
    {
        var options = KestraYamlConfiguration.Parse(Output.ReadDefault("application.yml"), "(embedded default) application.yml").GetOptionsOrThrow();
        var payload = System.Text.Encoding.UTF8.GetBytes(Output.ReadDefault("id-token.json"));
        var resolution = new KestraRoleResolver(options).Resolve(payload);
        if (settings.Format == OutputFormat.Table)
        {
            Output.Stdout.MarkupLine($"[bold]Kestra SSO demo[/]: the configuration of Kestra's Keycloak guide (groups claim [blue]{Markup.Escape(options.GroupsClaimPath ?? "(none)")}[/]) and a bundled Keycloak ID token for [blue]{Markup.Escape(resolution.PreferredUsername ?? "?")}[/] without Kestra client roles.");
            Output.Stdout.MarkupLine($"Default role [green]{Markup.Escape(options.DefaultRole?.Name ?? "(none)")}[/]: {Markup.Escape(options.DefaultRole?.Description ?? "")}");
        }

        ResolutionView.Write(resolution, settings.Format);
        return ExitCodes.Ok;
    }
}
