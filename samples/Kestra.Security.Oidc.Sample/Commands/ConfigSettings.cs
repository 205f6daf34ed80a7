using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>Options shared by commands that read a Kestra configuration file.</summary>
internal class ConfigSettings : FormatSettings
{
    [CommandOption("--config <FILE>")]
    [Description("Kestra's application.yml (or any YAML with its micronaut/kestra sections).")]
    public string? Config { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Config) ? ValidationResult.Error("--config FILE is required") : base.Validate();
}
