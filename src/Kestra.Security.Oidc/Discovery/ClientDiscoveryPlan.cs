using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>Everything about one client's discovery that follows from configuration alone, checked before any network use.</summary>
internal sealed record ClientDiscoveryPlan(
    string ClientName,
    string Issuer,
    Uri IssuerUri,
    Uri DiscoveryUrl,
    Uri? BackChannelBase,
    OpenIdProviderOptions Overrides,
    bool AllowInsecureHttp,
    IReadOnlyList<string> Warnings)
{
    public static ClientDiscoveryPlan Create(string clientName, KestraOidcOptions options)
    {
        if (!options.Clients.TryGetValue(clientName, out var client) || !client.Enabled)
        {
            var known = options.Clients.Where(c => c.Value.Enabled).Select(c => c.Key).ToList();
            throw new DiscoveryException(DiscoveryErrorCodes.UnknownClient,
                $"there is no enabled client '{clientName}' under 'micronaut.security.oauth2.clients' (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }

        var discovery = options.Extensions.Discovery;
        var warnings = new List<string>();
        var configured = client.OpenId.Issuer;
        if (string.IsNullOrWhiteSpace(configured) || !Uri.TryCreate(configured, UriKind.Absolute, out _))
        {
            throw Invalid($"micronaut.security.oauth2.clients.{clientName}.openid.issuer", configured, "the realm's URL, e.g. https://sso.example.com/realms/kestra");
        }

        var issuer = DiscoveryUrls.EffectiveIssuer(configured);
        if (!ReferenceEquals(issuer, configured))
        {
            warnings.Add($"{DiscoveryWarningCodes.IssuerIsDiscoveryUrl}: the issuer '{configured}' ends with '{OpenIdProviderOptions.DefaultConfigurationPath}'; using '{issuer}' as the issuer (Micronaut would not strip it)");
        }

        var issuerUri = ParseHttp(issuer, $"micronaut.security.oauth2.clients.{clientName}.openid.issuer", "the realm's URL");
        DiscoveryUrls.EnsureSecure(issuerUri, "the issuer", discovery.AllowInsecureHttp);
        Uri? backChannel = null;
        if (discovery.BackChannelBaseUrls.TryGetValue(clientName, out var backChannelText))
        {
            backChannel = ParseHttp(backChannelText, $"kestra-security-oidc.discovery.back-channel-base-urls.{clientName}", "the provider's internal base URL, e.g. http://keycloak:8080");
            DiscoveryUrls.EnsureSecure(backChannel, "the back-channel base URL", discovery.AllowInsecureHttp);
        }

        var discoveryUrl = DiscoveryUrls.ToBackChannel(DiscoveryUrls.DiscoveryUrl(issuerUri, client.OpenId.ConfigurationPath), issuerUri, backChannel);
        DiscoveryUrls.EnsureSecure(discoveryUrl, "the discovery URL", discovery.AllowInsecureHttp);
        return new ClientDiscoveryPlan(clientName, issuer, issuerUri, discoveryUrl, backChannel, client.OpenId, discovery.AllowInsecureHttp, warnings);
    }

    /// <summary>A configured override, else the discovered URL sent to the back channel (for endpoints this host calls itself).</summary>
    public Uri? BackChannelEndpoint(string? configured, string? discovered, string key, string member) =>
        configured is not null ? ParseHttp(configured, key, "an absolute URL")
        : ProviderEndpoint(discovered, member) is { } uri ? DiscoveryUrls.ToBackChannel(uri, IssuerUri, BackChannelBase) : null;

    /// <summary>A configured override, else the discovered URL unchanged (for endpoints the browser visits).</summary>
    public Uri? FrontChannelEndpoint(string? configured, string? discovered, string key, string member) =>
        configured is not null ? ParseHttp(configured, key, "an absolute URL") : ProviderEndpoint(discovered, member);

    /// <summary>
    /// A URL of the discovery document: <c>https://</c>, or <c>http://</c> on loopback (or with the opt-in), as for the issuer
    /// (SPEC §5.1). Anything else (<c>file:</c>, <c>javascript:</c>, a relative path) is the provider's error, not the configuration's.
    /// </summary>
    private Uri? ProviderEndpoint(string? discovered, string member)
    {
        if (string.IsNullOrEmpty(discovered))
        {
            return null;
        }

        if (!Uri.TryCreate(discovered, UriKind.Absolute, out var uri) || discovered.StartsWith('/')
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DiscoveryException(DiscoveryErrorCodes.UnsafeEndpoint,
                $"the discovery document at '{DiscoveryUrl}' gives '{member}' as '{discovered}', not an https:// URL; it is never used: fix the provider's configuration, or check that the document is the provider's",
                DiscoveryUrl, 200, "application/json");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !AllowInsecureHttp)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.UnsafeEndpoint,
                $"the discovery document at '{DiscoveryUrl}' gives '{member}' as '{discovered}', http:// on a host that is not loopback; use https:// at the provider, or, if the network is trusted, set 'kestra-security-oidc.discovery.allow-insecure-http: true'",
                DiscoveryUrl, 200, "application/json");
        }

        return uri;
    }

    private static Uri ParseHttp(string? value, string key, string expected) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Invalid(key, value, expected);

    private static DiscoveryException Invalid(string key, string? value, string expected) =>
        new(DiscoveryErrorCodes.InvalidConfiguration, $"'{key}' is '{value}', not an absolute http(s) URL; set it to {expected}");
}
