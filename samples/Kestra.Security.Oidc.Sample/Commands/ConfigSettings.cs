using Kestra.Security.Oidc.Sample.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>Options shared by commands that read a Kestra configuration file.</summary>
internal class ConfigSettings : FormatSettings
{
    public string? Config { get; private set; }

    public override void Declare(OptionSet options)
    {
        base.Declare(options);
        options.Value("--config", "FILE", "Kestra's application.yml (or any YAML with its micronaut/kestra sections).", value => Config = value);
    }

    public override string? Validate() =>
        string.IsNullOrWhiteSpace(Config) ? "--config FILE is required" : base.Validate();
}
