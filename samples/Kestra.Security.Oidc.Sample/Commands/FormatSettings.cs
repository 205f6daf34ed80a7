using System.CommandLine;
using Kestra.Security.Oidc.Sample.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>The <c>--format</c> option every command has: <c>table</c> (the default) or <c>json</c>, in any case.</summary>
internal class FormatSettings : CommandSettings
{
    public OutputFormat Format { get; private set; } = OutputFormat.Table;

    protected virtual string FormatDescription => "table (default) or json.";

    public override void Declare(OptionSet options)
    {
        options.Add(
            new Option<OutputFormat>("--format")
            {
                HelpName = "FORMAT",
                Description = FormatDescription,
                DefaultValueFactory = _ => OutputFormat.Table,
                CustomParser = result =>
                {
                    var value = result.Tokens.Count == 0 ? "table" : result.Tokens[0].Value;
                    if (string.Equals(value, "table", StringComparison.OrdinalIgnoreCase))
                    {
                        return OutputFormat.Table;
                    }

                    if (string.Equals(value, "json", StringComparison.OrdinalIgnoreCase))
                    {
                        return OutputFormat.Json;
                    }

                    result.AddError($"--format must be 'table' or 'json', not '{value}'");
                    return OutputFormat.Table;
                },
            },
            format => Format = format);
    }
}
