using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// RFC 7662 token introspection (SPEC §7): POST to the discovered <c>introspection_endpoint</c> with the client's credentials
/// (<c>client_secret_basic</c>); <c>active: false</c> and a foreign <c>iss</c> refuse the token; answers are cached by the
/// token's SHA-256. An endpoint that cannot be used properly throws <see cref="ClaimSourceException"/>: never a grant.
/// </summary>
internal sealed class IntrospectionClient(IssuerMetadataProvider metadata, KestraOidcOptions options, IntrospectionCache cache)
{
    private const string What = "introspection endpoint";
    private readonly BackChannelCall _call = new(metadata.CreateHttpClient, options.Extensions.Discovery, metadata.Time);

    public async ValueTask<SourceDocument> IntrospectAsync(string token, string clientName, CancellationToken cancellationToken)
    {
        var issuerMetadata = await metadata.GetAsync(clientName, cancellationToken).ConfigureAwait(false);
        if (issuerMetadata.IntrospectionEndpoint is not { } endpoint)
        {
            return SourceDocument.Unavailable(ClaimSourceKind.Introspection,
                $"the discovery document of client '{clientName}' has no 'introspection_endpoint'; set 'micronaut.security.oauth2.clients.{clientName}.openid.introspection.url'");
        }

        var client = options.Clients[clientName];
        if (string.IsNullOrEmpty(client.ClientId) || string.IsNullOrEmpty(client.ClientSecret))
        {
            return SourceDocument.Unavailable(ClaimSourceKind.Introspection,
                $"client '{clientName}' has no 'client-secret'; introspection needs the client's credentials (a confidential client: Keycloak's 'Client authentication' on)");
        }

        var key = IntrospectionCache.KeyOf(token);
        if (cache.TryGet(key, clientName, issuerMetadata.Issuer, out var cached))
        {
            return cached;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredentials(client.ClientId, client.ClientSecret));
        request.Headers.Accept.ParseAdd("application/json");
        var response = await _call.SendAsync(request, What, cancellationToken).ConfigureAwait(false);
        if (response.Status is 401 or 403)
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.ClientUnauthorized,
                $"the {What} at '{endpoint}' answered {response.Status}: it refused the credentials of client '{client.ClientId}'; the client secret is wrong or the client may not introspect, check 'micronaut.security.oauth2.clients.{clientName}.client-secret' against the provider's (Keycloak: Clients → {client.ClientId} → Credentials)",
                endpoint, response.Status, response.ContentType, response.Body.Length);
        }

        var document = Read(response, issuerMetadata.Issuer);
        cache.Set(key, clientName, issuerMetadata.Issuer, document, options.Extensions.Introspection.CacheDuration);
        return document;
    }

    /// <summary>RFC 6749 §2.3.1: the client id and secret are form-encoded before they are joined and base64-encoded.</summary>
    private static string BasicCredentials(string clientId, string secret) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}"));

    private static SourceDocument Read(BackChannelResponse response, string issuer)
    {
        using var document = ResponseJson.ParseObject(response, What);
        var root = document.RootElement;
        if (!root.TryGetProperty("active", out var active) || active.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.Malformed,
                $"the {What} at '{response.Url}' answered {response.Status} with JSON that has no boolean 'active' ({response.Describe()}); it is not an RFC 7662 introspection endpoint, check the URL",
                response.Url, response.Status, response.ContentType, response.Body.Length);
        }

        if (active.ValueKind == JsonValueKind.False)
        {
            return SourceDocument.Rejected(ClaimSourceKind.Introspection, ClaimSourceErrorCodes.Inactive,
                $"the {What} at '{response.Url}' says the token is not active (expired, revoked, signed out, or not issued by this provider)");
        }

        if (root.TryGetProperty("iss", out var iss) && !(iss.ValueKind == JsonValueKind.String && iss.GetString() == issuer))
        {
            var shown = iss.ValueKind == JsonValueKind.String ? $"'{iss.GetString()}'" : $"a JSON {iss.ValueKind.ToString().ToLowerInvariant()}";
            return SourceDocument.Rejected(ClaimSourceKind.Introspection, ClaimSourceErrorCodes.IntrospectionIssuer,
                $"the {What} at '{response.Url}' says the token was issued by {shown}, not '{issuer}'");
        }

        return SourceDocument.Found(ClaimSourceKind.Introspection, Encoding.UTF8.GetBytes(root.GetRawText()),
            ResponseJson.String(root, "sub"), ResponseJson.Date(root, "exp"), ResponseJson.String(root, "client_id"));
    }
}
