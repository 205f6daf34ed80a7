using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Sample.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>check-config --config FILE</c>: loads and validates; warnings on stderr; errors as <c>FILE:LINE:COL: key: message</c>.</summary>
internal static class CheckConfigCommand
{
    public static ConsoleCommand Create() =>
        ConsoleCommand.Create<ConfigSettings>("check-config", "Load and validate a Kestra SSO configuration file.", Execute);

    private static int Execute(ConfigSettings settings)
    {
        var result = KestraYamlConfiguration.LoadFile(settings.Config!);
        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(
                new Report(
                    settings.Config!,
                    result.IsValid,
                    [.. result.Diagnostics.Select(d => new DiagnosticView(
                        d.Code, d.Severity == DiagnosticSeverity.Error ? "error" : "warning", d.Location.Source, d.Location.Line, d.Location.Column, d.Key, d.Message))]),
                Output.Json.Report);
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

    /// <summary>The stable JSON shape of <c>check-config</c>.</summary>
    internal sealed record Report(string File, bool Valid, IReadOnlyList<DiagnosticView> Diagnostics);

    /// <summary>One diagnostic: code, severity, where (file, line, column, key) and the message.</summary>
    internal sealed record DiagnosticView(string Code, string Severity, string File, int Line, int Column, string Key, string Message);
}
