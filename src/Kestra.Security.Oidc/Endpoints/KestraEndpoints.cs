using System.Text;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Endpoints;

/// <summary>
/// The URLs Kestra registers with and sends to the provider (SPEC §5): the redirect URI <c>{kestra.url}/oauth/callback/{client}</c>,
/// the post-logout URI <c>{kestra.url}/logout</c>, and the Keycloak 18+ end-session URL.
/// </summary>
/// <example>
/// <code>
/// var endpoints = new KestraEndpoints(options);
/// endpoints.RedirectUri("keycloak");          // http://localhost:8080/oauth/callback/keycloak
/// endpoints.PostLogoutRedirectUri();           // http://localhost:8080/logout
/// endpoints.EndSessionUrl(metadata, idToken);  // …/protocol/openid-connect/logout?client_id=kestra&amp;post_logout_redirect_uri=…&amp;id_token_hint=…
/// </code>
/// </example>
public sealed class KestraEndpoints
{
    private readonly KestraOidcOptions _options;

    /// <summary>Creates the builder on the configuration (<c>kestra.url</c>, <c>callback-uri</c>, <c>end-session.redirect-uri</c>).</summary>
    public KestraEndpoints(KestraOidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The redirect URI of <paramref name="clientName"/>: <c>kestra.url</c> + <c>callback-uri</c> with <c>{/provider}</c> expanded.</summary>
    /// <exception cref="KestraConfigurationException"><c>kestra.url</c> is not set or not an absolute URL.</exception>
    public Uri RedirectUri(string clientName)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientName);
        var segment = Uri.EscapeDataString(clientName);
        var path = _options.CallbackUri
            .Replace("{/provider}", "/" + segment, StringComparison.Ordinal)
            .Replace("{provider}", segment, StringComparison.Ordinal);
        return Combine(path);
    }

    /// <summary>Where the provider sends the user after logout: <c>end-session.redirect-uri</c> (absolute, or relative to <c>kestra.url</c>).</summary>
    /// <exception cref="KestraConfigurationException"><c>kestra.url</c> is needed and not set or not an absolute URL.</exception>
    public Uri PostLogoutRedirectUri() =>
        Uri.TryCreate(_options.EndSessionRedirectUri, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : Combine(_options.EndSessionRedirectUri);

    /// <summary>
    /// The Keycloak 18+ end-session URL: the end-session endpoint with <c>client_id</c>, <c>post_logout_redirect_uri</c> and, when given,
    /// <c>id_token_hint</c> (never the removed <c>redirect_uri</c>). <see langword="null"/> when end-session is disabled or not offered.
    /// </summary>
    /// <remarks>The URL carries the ID token when <paramref name="idTokenHint"/> is given: redirect the browser to it, never log it.</remarks>
    public Uri? EndSessionUrl(IssuerMetadata metadata, string? idTokenHint = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.EndSessionEndpoint is not { } endpoint
            || (_options.Clients.TryGetValue(metadata.ClientName, out var client) && !client.OpenId.EndSessionEnabled))
        {
            return null;
        }

        var query = new StringBuilder(endpoint.Query.TrimStart('?'));
        if (client?.ClientId is { } clientId)
        {
            Append(query, "client_id", clientId);
        }

        Append(query, "post_logout_redirect_uri", PostLogoutRedirectUri().ToString());
        if (!string.IsNullOrEmpty(idTokenHint))
        {
            Append(query, "id_token_hint", idTokenHint);
        }

        return new UriBuilder(endpoint) { Query = query.ToString() }.Uri;
    }

    private Uri Combine(string path)
    {
        if (!Uri.TryCreate(_options.KestraUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new KestraConfigurationException(
                $"{EndpointErrorCodes.NoKestraUrl}: 'kestra.url' is {(_options.KestraUrl is null ? "not set" : $"'{_options.KestraUrl}', not an absolute http(s) URL")}; redirect URIs are built from it: set it to Kestra's public URL, e.g. kestra.url: https://kestra.example.com");
        }

        var joined = baseUrl.AbsolutePath.TrimEnd('/') + "/" + path.TrimStart('/');
        return new UriBuilder(baseUrl) { Path = joined, Query = string.Empty, Fragment = string.Empty }.Uri;
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
