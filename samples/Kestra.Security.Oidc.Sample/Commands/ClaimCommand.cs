using System.ComponentModel;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kestra.Security.Oidc.Claims;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>claim --path PATH --claims FILE.json [--format json]</c>: evaluates a claim path (SPEC §3, §6).</summary>
internal sealed class ClaimCommand : Command<ClaimCommand.Settings>
{
    private static readonly JsonSerializerOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--path <PATH>")]
        [Description("Claim path, e.g. resource_access.kestra.roles, groups[[*]].name, /realm_access/roles.")]
        public string? Path { get; init; }

        [CommandOption("--claims <FILE>")]
        [Description("JSON file holding the ID-token payload (the claims object).")]
        public string? Claims { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("table (default) or json: a JSON array of strings on stdout.")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("--delimiter <TEXT>")]
        [Description("Split a single string value on this text (e.g. \",\").")]
        public string? Delimiter { get; init; }

        [CommandOption("--parse-json-leaf")]
        [Description("Read a string value that holds a JSON array as that array.")]
        public bool ParseJsonLeaf { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrEmpty(Path))
            {
                return ValidationResult.Error("--path is required");
            }

            if (string.IsNullOrEmpty(Claims))
            {
                return ValidationResult.Error("--claims is required");
            }

            if (Delimiter is { Length: 0 })
            {
                return ValidationResult.Error("--delimiter must not be empty");
            }

            return Format is "table" or "json"
                ? ValidationResult.Success()
                : ValidationResult.Error($"--format must be 'table' or 'json', not '{Format}'");
        }
    }

    protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!ClaimPath.TryParse(settings.Path, out var path, out var syntaxError))
        {
            Console.Error.WriteLine($"kestra-oidc: {syntaxError.Message}");
            Console.Error.WriteLine($"  {syntaxError.Path}");
            Console.Error.WriteLine($"  {new string(' ', syntaxError.Column - 1)}^");
            return ExitCodes.InvalidInput;
        }

        byte[] payload;
        try
        {
            payload = File.ReadAllBytes(settings.Claims!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"kestra-oidc: {settings.Claims}: cannot read the claims file: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        var options = new ClaimPathEvaluationOptions
        {
            Delimiter = settings.Delimiter,
            ParseJsonStringLeaf = settings.ParseJsonLeaf,
            ValidateWholePayload = true,
        };
        ClaimPathResult result;
        try
        {
            result = path.Evaluate(WithoutBom(payload), options);
        }
        catch (ClaimsPayloadException ex)
        {
            Console.Error.WriteLine($"kestra-oidc: {settings.Claims}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            Console.Error.WriteLine($"kestra-oidc: {diagnostic}");
        }

        if (settings.Format == "json")
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result.Values, JsonOutput));
        }
        else
        {
            WriteTable(path, result);
        }

        return ExitCodes.Ok;
    }

    private static void WriteTable(ClaimPath path, ClaimPathResult result)
    {
        if (result.Values.Count == 0)
        {
            Console.Error.WriteLine($"kestra-oidc: no values at `{path}`");
            return;
        }

        var table = new Table().AddColumn("#").AddColumn(new TableColumn(new Text(path.ToString())));
        for (var i = 0; i < result.Values.Count; i++)
        {
            table.AddRow(new Text((i + 1).ToString(CultureInfo.InvariantCulture)), new Text(result.Values[i]));
        }

        AnsiConsole.Write(table);
    }

    private static ReadOnlySpan<byte> WithoutBom(byte[] payload) =>
        payload.AsSpan().StartsWith("\uFEFF"u8) ? payload.AsSpan(3) : payload;
}
