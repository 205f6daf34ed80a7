using Kestra.Security.Oidc.Configuration;
using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>check-config --config FILE</c>: loads and validates; warnings on stderr; errors as <c>FILE:LINE:COL: key: message</c>.</summary>
internal sealed class CheckConfigCommand : Command<ConfigSettings>
{
    protected override int Execute(CommandContext context, ConfigSettings settings, CancellationToken cancellationToken)
    {
        var result = KestraYamlConfiguration.LoadFile(settings.Config!);
        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(new
            {
                file = settings.Config,
                valid = result.IsValid,
                diagnostics = result.Diagnostics.Select(d => new
                {
                    code = d.Code,
                    severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                    file = d.Location.Source,
                    line = d.Location.Line,
                    column = d.Location.Column,
                    key = d.Key,
                    message = d.Message,
                }),
            });
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            Output.Error(diagnostic.ToString());
        }

        if (!result.IsValid)
        {
            Output.Error($"{settings.Config}: {result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s)");
            return ExitCodes.InvalidInput;
        }

        if (settings.Format == OutputFormat.Table)
        {
            var options = result.Options;
            Console.Out.WriteLine($"{settings.Config}: valid ({result.Warnings.Count()} warning(s)); clients: {string.Join(", ", options.Clients.Keys)}; default role: {options.DefaultRole?.Name ?? "(none)"}; groups-claim-path: {options.GroupsClaimPath ?? "(none)"}");
        }

        return ExitCodes.Ok;
    }
}
