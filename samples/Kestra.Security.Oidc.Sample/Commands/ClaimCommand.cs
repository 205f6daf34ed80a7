using System.Globalization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Sample.Cli;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>claim --path PATH --claims FILE.json [--format json]</c>: evaluates a claim path (SPEC §3, §6).</summary>
internal static class ClaimCommand
{
    public static ConsoleCommand Create() =>
        ConsoleCommand.Create<Settings>(
            "claim",
            "Evaluate a claim path (e.g. resource_access.kestra.roles) over a claims JSON file.",
            Execute,
            "claim --path resource_access.kestra.roles --claims id-token.json --format json");

    public sealed class Settings : FormatSettings
    {
        public string? Path { get; private set; }

        public string? Claims { get; private set; }

        public string? Delimiter { get; private set; }

        public bool ParseJsonLeaf { get; private set; }

        protected override string FormatDescription => "table (default) or json: a JSON array of strings on stdout.";

        public override void Declare(OptionSet options)
        {
            options.Value("--path", "PATH", "Claim path, e.g. resource_access.kestra.roles, groups[*].name, /realm_access/roles.", value => Path = value);
            options.Value("--claims", "FILE", "JSON file holding the ID-token payload (the claims object).", value => Claims = value);
            base.Declare(options);
            options.Value("--delimiter", "TEXT", "Split a single string value on this text (e.g. \",\").", value => Delimiter = value);
            options.Flag("--parse-json-leaf", "Read a string value that holds a JSON array as that array.", value => ParseJsonLeaf = value);
        }

        public override string? Validate()
        {
            if (string.IsNullOrEmpty(Path))
            {
                return "--path is required";
            }

            if (string.IsNullOrEmpty(Claims))
            {
                return "--claims is required";
            }

            return Delimiter is { Length: 0 } ? "--delimiter must not be empty" : base.Validate();
        }
    }

    private static int Execute(Settings settings)
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

        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(result.Values, Output.CompactJson.IReadOnlyListString);
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
