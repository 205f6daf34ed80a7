using Kestra.Security.Oidc.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>The no-argument demo: the Keycloak guide's configuration and a bundled Keycloak ID-token payload.</summary>
internal sealed class DemoCommand : Command<FormatSettings>
{
    protected override int Execute(CommandContext context, FormatSettings settings, CancellationToken cancellationToken)
    {
        var result = KestraYamlConfiguration.Parse(Output.ReadDefault("application.yml"), "(embedded default) application.yml");
        var options = result.GetOptionsOrThrow();
        var role = options.DefaultRole!;
        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(new { role = role.Name, permissions = role.Permissions.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value) });
            return ExitCodes.Ok;
        }

        Output.Stdout.MarkupLine($"[bold]Kestra SSO demo[/] on the embedded configuration of Kestra's Keycloak guide (client [blue]{string.Join(", ", options.Clients.Keys)}[/], groups claim [blue]{Markup.Escape(options.GroupsClaimPath ?? "(none)")}[/]).");
        Output.Stdout.MarkupLine($"Default role [green]{Markup.Escape(role.Name ?? "")}[/]: {Markup.Escape(role.Description ?? "")}");
        var table = new Table().AddColumn("Permission").AddColumn("Actions");
        foreach (var (permission, actions) in role.Permissions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            table.AddRow(permission, string.Join(", ", actions));
        }

        Output.Stdout.Write(table);
        return ExitCodes.Ok;
    }
}
