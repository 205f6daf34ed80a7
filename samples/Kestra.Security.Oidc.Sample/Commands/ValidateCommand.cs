using System.Text.Json;
using System.Text.Json.Nodes;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Sample.Cli;
using Kestra.Security.Oidc.Tokens;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>
/// <c>validate --config FILE (--id-token FILE | --access-token FILE | both) [--client NAME] [--nonce N]</c>: validates an ID
/// token or an access token against the live issuer and resolves it through the claim sources (SPEC §6, §7): the JSON of
/// <c>resolve</c> (with <c>groupsFrom</c>) plus the validation fields.
/// </summary>
internal static class ValidateCommand
{
    public static ConsoleCommand Create() =>
        ConsoleCommand.Create<Settings>(
            "validate",
            "Validate an ID token or an access token against the live issuer.",
            ExecuteAsync,
            "validate --config application.yml --id-token id-token.jwt --nonce N --format json",
            "validate --config application.yml --access-token access-token.jwt --format json");

    internal sealed class Settings : ConfigSettings
    {
        public string? IdToken { get; private set; }

        public string? AccessToken { get; private set; }

        public string? Client { get; private set; }

        public string? Nonce { get; private set; }

        public IReadOnlyList<string> Checks { get; private set; } = [];

        public override void Declare(OptionSet options)
        {
            base.Declare(options);
            options.Value("--id-token", "FILE", "A file holding the ID token (compact JWT).", value => IdToken = value);
            options.Value("--access-token", "FILE", "A file holding the access token (JWT or opaque): alone, or beside --id-token for the claim sources access-token, userinfo and introspection.", value => AccessToken = value);
            options.Value("--client", "NAME", "The client under micronaut.security.oauth2.clients (default: the only one, or the one the token's issuer picks).", value => Client = value);
            options.Value("--nonce", "NONCE", "The nonce of the authentication request; when given, the token's nonce must equal it.", value => Nonce = value);
            PermissionChecks.Declare(options, values => Checks = values);
        }

        public override string? Validate() =>
            string.IsNullOrWhiteSpace(IdToken) && string.IsNullOrWhiteSpace(AccessToken)
                ? "--id-token FILE or --access-token FILE (or both) is required"
                : base.Validate();
    }

    private static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        string? idToken = null, accessToken = null;
        if (!PermissionChecks.TryParse(settings.Checks, out var checks)
            || !ConfigLoader.TryLoad(settings.Config!, settings.Client, out var options, out var client)
            || (settings.IdToken is not null && (idToken = ReadToken(settings.IdToken, "ID token")) is null)
            || (settings.AccessToken is not null && (accessToken = ReadToken(settings.AccessToken, "access token")) is null))
        {
            return ExitCodes.InvalidInput;
        }

        using var http = ProviderSupport.CreateHttpClient();
        KestraAuthenticationResult authentication;
        try
        {
            var authenticator = new KestraOidcAuthenticator(options, new IssuerMetadataProvider(options, http), new KestraRoleResolver(options));
            authentication = idToken is not null
                ? await authenticator.AuthenticateAsync(idToken, client, new KestraAuthenticationContext { Nonce = settings.Nonce, AccessToken = accessToken }, cancellationToken)
                : await authenticator.AuthenticateAccessTokenAsync(accessToken!, client, cancellationToken);
        }
        catch (DiscoveryException ex)
        {
            return ProviderSupport.Report(ex);
        }
        catch (ClaimSourceException ex)
        {
            return ProviderSupport.Report(ex);
        }

        var view = TokenView.From(authentication, idToken is not null);
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

                ResolutionView.WriteWarnings(resolution);
            }

            Output.WriteJson(json, Output.Json.JsonObject);
        }
        else if (authentication.Resolution is { } resolution)
        {
            Write(view);
            ResolutionView.Write(resolution, OutputFormat.Table, decisions);
        }

        if (authentication.Failure == KestraAuthenticationFailure.TokenRejected)
        {
            Output.Error($"kestra-oidc: the {(idToken is null ? "access" : "ID")} token is rejected{(view.Check is null ? string.Empty : $" by the {view.Check} check")}: {authentication.Message}");
            return authentication.Code is ClaimSourceErrorCodes.AmbiguousClient ? ExitCodes.InvalidInput : ExitCodes.Rejected;
        }

        if (authentication.Failure == KestraAuthenticationFailure.GroupsRequired)
        {
            Output.Error($"kestra-oidc: the user is refused: {authentication.Message}");
            return ExitCodes.Rejected;
        }

        return PermissionChecks.ExitCode(decisions);
    }

    private static string? ReadToken(string path, string what)
    {
        try
        {
            var token = File.ReadAllText(path).Trim();
            if (token.Length == 0)
            {
                Output.Error($"kestra-oidc: {path} is empty; it should hold the {what}");
                return null;
            }

            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Output.Error($"kestra-oidc: cannot read the {what} file: {ex.Message}");
            return null;
        }
    }

    private static void Write(TokenView view)
    {
        var table = new Table().AddColumn("").AddColumn("");
        table.HideHeaders();
        table.AddRow("client", Markup.Escape(view.Client ?? "-"));
        table.AddRow("token", Markup.Escape(view.Token));
        table.AddRow("valid", "[green]yes[/]");
        table.AddRow("subject", Markup.Escape(view.Subject ?? "-"));
        table.AddRow("issuer", Markup.Escape(view.Issuer ?? "-"));
        table.AddRow("audience", Markup.Escape(string.Join(", ", view.Audience)));
        table.AddRow("expires", Markup.Escape(view.ExpiresAt?.ToString("O") ?? "-"));
        Output.Stdout.Write(table);
    }

    /// <summary>The validation part of the stable JSON shape of <c>validate</c>; the fields of <c>resolve</c> follow when valid.</summary>
    internal sealed record TokenView(
        string? Client, string Token, bool Valid, string? Subject, string? Issuer, IReadOnlyList<string> Audience, DateTimeOffset? ExpiresAt,
        string? Check, string? Code, string? Message)
    {
        /// <summary>The ID token's validation when one was given, else the access token's; a failure after validation (a claim source) keeps its code.</summary>
        public static TokenView From(KestraAuthenticationResult a, bool idToken)
        {
            var failed = a.Failure == KestraAuthenticationFailure.TokenRejected;
            var kind = idToken ? "id-token" : "access-token";
            if (idToken && a.Validation is { } id)
            {
                return new(id.ClientName, kind, !failed, id.Subject, id.Issuer, id.Audiences, id.ExpiresAt,
                    id.Failure?.ToString() ?? a.AccessTokenValidation?.Failure?.ToString(), a.Code, failed ? a.Message : null);
            }

            if (a.AccessTokenValidation is { } at)
            {
                return new(at.ClientName ?? a.Resolution?.Client, kind, !failed, at.Subject, at.Issuer, at.Audiences, at.ExpiresAt,
                    at.Failure?.ToString(), a.Code, failed ? a.Message : null);
            }

            // An opaque token authenticated by introspection, or no client could be picked.
            return new(a.Resolution?.Client, kind, !failed, a.Resolution?.Subject, null, [], null, null, a.Code, failed ? a.Message : null);
        }
    }
}
