using System.ComponentModel;
using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>The <c>--format</c> option every command has.</summary>
internal class FormatSettings : CommandSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    [DefaultValue(OutputFormat.Table)]
    public OutputFormat Format { get; init; } = OutputFormat.Table;
}
