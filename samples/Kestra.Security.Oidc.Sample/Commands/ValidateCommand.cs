using System.Text.Json;
using System.Text.Json.Nodes;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Sample.Cli;
using Kestra.Security.Oidc.Tokens;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>
/// <c>validate --config FILE --id-token FILE [--client NAME] [--nonce N]</c>: validates an ID token against the live issuer
/// and resolves it (the JSON of <c>resolve</c> plus the validation fields).
/// </summary>
internal static class ValidateCommand
{
    public static ConsoleCommand Create() =>
        ConsoleCommand.Create<Settings>(
            "validate",
            "Validate an ID token against the live issuer.",
            ExecuteAsync,
            "validate --config application.yml --id-token id-token.jwt --nonce N --format json");

    internal sealed class Settings : ConfigSettings
    {
        public string? IdToken { get; private set; }

        public string? Client { get; private set; }

        public string? Nonce { get; private set; }

        public IReadOnlyList<string> Checks { get; private set; } = [];

        public override void Declare(OptionSet options)
        {
            base.Declare(options);
            options.Value("--id-token", "FILE", "A file holding the ID token (compact JWT).", value => IdToken = value);
            options.Value("--client", "NAME", "The client under micronaut.security.oauth2.clients (default: the only one).", value => Client = value);
            options.Value("--nonce", "NONCE", "The nonce of the authentication request; when given, the token's nonce must equal it.", value => Nonce = value);
            options.Values("--check", "CHECK", "Repeatable: PERMISSION:ACTION[@NAMESPACE], e.g. FLOW:EXECUTE@prod.team; prints allowed/denied and what granted it; exit 5 when one is denied.", values => Checks = values);
        }

        public override string? Validate() =>
            string.IsNullOrWhiteSpace(IdToken) ? "--id-token FILE is required" : base.Validate();
    }

    private static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (!PermissionChecks.TryParse(settings.Checks, out var checks)
            || !ConfigLoader.TryLoad(settings.Config!, settings.Client, out var options, out var client)
            || ProviderSupport.RequireClient(options, client, settings.Config!) is not { } name
            || ReadToken(settings.IdToken!) is not { } token)
        {
            return ExitCodes.InvalidInput;
        }

        using var http = ProviderSupport.CreateHttpClient();
        KestraAuthenticationResult authentication;
        try
        {
            var validator = new IdTokenValidator(options, new IssuerMetadataProvider(options, http));
            var authenticator = new KestraOidcAuthenticator(options, validator, new KestraRoleResolver(options));
            authentication = await authenticator.AuthenticateAsync(token, name, new KestraAuthenticationContext { Nonce = settings.Nonce }, cancellationToken);
        }
        catch (DiscoveryException ex)
        {
            return ProviderSupport.Report(ex);
        }

        var result = authentication.Validation;
        var view = TokenView.From(result);
        var decisions = authentication.Resolution is { } resolved ? PermissionChecks.Evaluate(resolved, checks) : [];
        if (settings.Format == OutputFormat.Json)
        {
            var json = JsonSerializer.SerializeToNode(view, Output.Json.TokenView)!.AsObject();
            if (authentication.Resolution is { } resolution)
            {
                foreach (var (key, value) in JsonSerializer.SerializeToNode(ResolutionView.ToJson(resolution, decisions), Output.Json.Resolution)!.AsObject().ToList())
                {
                    json[key] = value?.DeepClone();
                }

                WriteWarnings(resolution);
            }

            Output.WriteJson(json, Output.Json.JsonObject);
        }
        else if (authentication.Resolution is { } resolution)
        {
            Write(view);
            ResolutionView.Write(resolution, OutputFormat.Table, decisions);
        }

        if (!result.IsValid)
        {
            Output.Error($"kestra-oidc: the ID token is rejected by the {result.Failure} check: {result.Message}");
            return ExitCodes.Rejected;
        }

        if (authentication.Failure == KestraAuthenticationFailure.GroupsRequired)
        {
            Output.Error($"kestra-oidc: the user is refused: {authentication.Message}");
            return ExitCodes.Rejected;
        }

        return PermissionChecks.ExitCode(decisions);
    }

    private static void WriteWarnings(RoleResolution resolution)
    {
        foreach (var warning in resolution.Warnings)
        {
            Output.Error($"warning {warning}");
        }
    }

    private static string? ReadToken(string path)
    {
        try
        {
            var token = File.ReadAllText(path).Trim();
            if (token.Length == 0)
            {
                Output.Error($"kestra-oidc: {path} is empty; it should hold the ID token (compact JWT)");
                return null;
            }

            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Output.Error($"kestra-oidc: cannot read the ID token file: {ex.Message}");
            return null;
        }
    }

    private static void Write(TokenView view)
    {
        var table = new Table().AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("client", Markup.Escape(view.Client));
        table.AddRow("valid", "[green]yes[/]");
        table.AddRow("subject", Markup.Escape(view.Subject ?? "-"));
        table.AddRow("issuer", Markup.Escape(view.Issuer ?? "-"));
        table.AddRow("audience", Markup.Escape(string.Join(", ", view.Audience)));
        table.AddRow("expires", Markup.Escape(view.ExpiresAt?.ToString("O") ?? "-"));
        Output.Stdout.Write(table);
    }

    /// <summary>The validation part of the stable JSON shape of <c>validate</c>; the fields of <c>resolve</c> follow when valid.</summary>
    internal sealed record TokenView(
        string Client, bool Valid, string? Subject, string? Issuer, IReadOnlyList<string> Audience, DateTimeOffset? ExpiresAt,
        string? Check, string? Code, string? Message)
    {
        public static TokenView From(IdTokenValidationResult r) =>
            new(r.ClientName, r.IsValid, r.Subject, r.Issuer, r.Audiences, r.ExpiresAt,
                r.Failure?.ToString(), r.Code, r.IsValid ? null : r.Message);
    }
}
