using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.Sample.Cli;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>discover --config FILE [--client NAME]</c>: fetches and checks discovery; prints the issuer, endpoints and Kestra's URIs.</summary>
internal static class DiscoverCommand
{
    public static ConsoleCommand Create() =>
        ConsoleCommand.Create<Settings>(
            "discover",
            "Fetch and check the issuer's discovery document; print endpoints and Kestra's redirect URIs.",
            ExecuteAsync,
            "discover --config application.yml --client keycloak");

    internal sealed class Settings : ConfigSettings
    {
        public string? Client { get; private set; }

        public override void Declare(OptionSet options)
        {
            base.Declare(options);
            options.Value("--client", "NAME", "The client under micronaut.security.oauth2.clients (default: the only one).", value => Client = value);
        }
    }

    private static async Task<int> ExecuteAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (!ConfigLoader.TryLoad(settings.Config!, settings.Client, out var options, out var client)
            || ProviderSupport.RequireClient(options, client, settings.Config!) is not { } name)
        {
            return ExitCodes.InvalidInput;
        }

        using var http = ProviderSupport.CreateHttpClient();
        IssuerMetadata metadata;
        try
        {
            metadata = await new IssuerMetadataProvider(options, http).GetAsync(name, cancellationToken);
        }
        catch (DiscoveryException ex)
        {
            return ProviderSupport.Report(ex);
        }

        foreach (var warning in metadata.Warnings)
        {
            Output.Error($"warning {warning}");
        }

        var view = DiscoveryView.From(metadata, new KestraEndpoints(options));
        if (settings.Format == OutputFormat.Json)
        {
            Output.WriteJson(view, Output.Json.DiscoveryView);
        }
        else
        {
            Write(view);
        }

        return ExitCodes.Ok;
    }

    private static void Write(DiscoveryView view)
    {
        var table = new Table().AddColumn("").AddColumn("");
        table.HideHeaders();
        void Row(string name, object? value) => table.AddRow(Markup.Escape(name), Markup.Escape(value?.ToString() ?? "(none)"));
        Row("client", view.Client);
        Row("issuer", view.Issuer);
        Row("discovery", view.DiscoveryUrl);
        Row("authorization", view.AuthorizationEndpoint);
        Row("token", view.TokenEndpoint);
        Row("userinfo", view.UserInfoEndpoint);
        Row("end session", view.EndSessionEndpoint);
        Row("jwks", view.JwksUri);
        Row("signing keys", string.Join(", ", view.SigningKeys.Select(k => $"{k.Kid} ({k.Type})")));
        Row("refused keys", view.RefusedKeys.Count == 0 ? "none" : string.Join("; ", view.RefusedKeys.Select(k => $"{k.Kid ?? "(no kid)"}: {k.Reason}")));
        Row("redirect uri", view.RedirectUri);
        Row("post-logout uri", view.PostLogoutRedirectUri);
        Row("end-session url", view.EndSessionUrl);
        Output.Stdout.Write(table);
    }

    /// <summary>The stable JSON shape of <c>discover</c>.</summary>
    internal sealed record DiscoveryView(
        string Client, string Issuer, string DiscoveryUrl, string? AuthorizationEndpoint, string? TokenEndpoint, string? UserInfoEndpoint,
        string? EndSessionEndpoint, string JwksUri, IReadOnlyList<KeyView> SigningKeys, string? RedirectUri, string? PostLogoutRedirectUri,
        string? EndSessionUrl, IReadOnlyList<string> Warnings, IReadOnlyList<RefusedKeyView> RefusedKeys)
    {
        public static DiscoveryView From(IssuerMetadata m, KestraEndpoints endpoints)
        {
            string? redirect = null, postLogout = null, endSession = null;
            try
            {
                redirect = endpoints.RedirectUri(m.ClientName).ToString();
                postLogout = endpoints.PostLogoutRedirectUri().ToString();
                endSession = endpoints.EndSessionUrl(m)?.ToString();
            }
            catch (KestraConfigurationException ex)
            {
                Output.Error($"warning {ex.Message}");
            }

            return new DiscoveryView(m.ClientName, m.Issuer, m.DiscoveryUrl.ToString(), m.AuthorizationEndpoint?.ToString(), m.TokenEndpoint?.ToString(),
                m.UserInfoEndpoint?.ToString(), m.EndSessionEndpoint?.ToString(), m.JwksUri.ToString(),
                [.. m.SigningKeys.Select(k => new KeyView(k.KeyId, k.GetType().Name.Replace("SecurityKey", "", StringComparison.Ordinal)))],
                redirect, postLogout, endSession, m.Warnings, [.. m.RefusedKeys.Select(k => new RefusedKeyView(k.KeyId, k.Reason))]);
        }
    }

    /// <summary>A key of the JWKS that is never used, and why (SPEC §5.1).</summary>
    internal sealed record RefusedKeyView(string? Kid, string Reason);

    /// <summary>One signing key: its <c>kid</c> and key type.</summary>
    internal sealed record KeyView(string Kid, string Type);
}
