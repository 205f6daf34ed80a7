using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>Reads a fetched discovery document or JWKS into Microsoft.IdentityModel's types, with the checks they lack.</summary>
internal static class ProviderDocumentReader
{
    /// <summary>Reads the discovery document and checks its issuer against the configured one (SPEC §5).</summary>
    public static OpenIdConnectConfiguration ReadConfiguration(byte[] body, Uri url, string clientName, string configuredIssuer, bool jwksConfigured, List<string> warnings)
    {
        string? issuer;
        string? jwksUri;
        try
        {
            using var document = JsonDocument.Parse(body);
            issuer = StringProperty(document.RootElement, "issuer");
            jwksUri = StringProperty(document.RootElement, "jwks_uri");
        }
        catch (JsonException ex)
        {
            throw Malformed(url, "discovery document", body.Length, $"malformed JSON ({ex.Message})", ex);
        }

        if (string.IsNullOrEmpty(issuer))
        {
            throw Malformed(url, "discovery document", body.Length, "it has no 'issuer'");
        }

        if (string.IsNullOrEmpty(jwksUri) && !jwksConfigured)
        {
            throw Malformed(url, "discovery document", body.Length, $"it has no 'jwks_uri'; set 'micronaut.security.oauth2.clients.{clientName}.openid.jwks-uri'");
        }

        CheckIssuer(issuer, configuredIssuer, url, clientName, warnings);
        try
        {
            return OpenIdConnectConfiguration.Create(Encoding.UTF8.GetString(body));
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
        {
            throw Malformed(url, "discovery document", body.Length, $"it is not a valid OpenID configuration ({ex.Message})", ex);
        }
    }

    /// <summary>Reads a JWKS and keeps the verification keys; none usable is an error.</summary>
    public static SigningKeySet ReadKeys(byte[] body, Uri url, IEnumerable<string> allowedAlgorithms)
    {
        JsonWebKeySet jwks;
        try
        {
            using (var document = JsonDocument.Parse(body))
            {
                if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
                {
                    throw Malformed(url, "JWKS", body.Length, "it has no 'keys' array");
                }
            }

            jwks = new JsonWebKeySet(Encoding.UTF8.GetString(body));
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            throw Malformed(url, "JWKS", body.Length, $"malformed JSON ({ex.Message})", ex);
        }

        var set = SigningKeySet.From(jwks, allowedAlgorithms);
        if (set.Keys.Count == 0)
        {
            throw new DiscoveryException(DiscoveryErrorCodes.NoSigningKeys,
                $"the JWKS at '{url}' has no key usable to verify ID tokens ({Describe(set.Refused)}); check the realm's keys (Realm settings → Keys) and the allowed algorithms",
                url, 200, "application/json", body.Length);
        }

        return set;
    }

    private static string Describe(IReadOnlyList<SigningKeyRefusal> refused) =>
        refused.Count == 0 ? "it has no keys" : $"{refused.Count} key(s) refused: {string.Join("; ", refused.Select(r => $"'{r.KeyId ?? "(no kid)"}': {r.Reason}"))}";

    private static void CheckIssuer(string documentIssuer, string configuredIssuer, Uri url, string clientName, List<string> warnings)
    {
        if (string.Equals(documentIssuer, configuredIssuer, StringComparison.Ordinal))
        {
            return;
        }

        if (string.Equals(documentIssuer, configuredIssuer + "/", StringComparison.Ordinal) || string.Equals(documentIssuer + "/", configuredIssuer, StringComparison.Ordinal))
        {
            warnings.Add($"{DiscoveryWarningCodes.IssuerTrailingSlash}: the discovery document says issuer '{documentIssuer}' but the configuration says '{configuredIssuer}' (a trailing slash only); accepted, tokens must carry '{documentIssuer}'; align 'micronaut.security.oauth2.clients.{clientName}.openid.issuer' to silence this");
            return;
        }

        throw new DiscoveryException(DiscoveryErrorCodes.IssuerMismatch,
            $"issuer mismatch: the discovery document at '{url}' says '{documentIssuer}' but the configuration says '{configuredIssuer}'; " +
            $"set 'micronaut.security.oauth2.clients.{clientName}.openid.issuer' to '{documentIssuer}' if that is the URL users reach, " +
            $"or fix Keycloak's hostname (KC_HOSTNAME, or the realm's Frontend URL) so that it issues '{configuredIssuer}'; " +
            $"if this host reaches Keycloak at an internal address, keep the public issuer and set 'kestra-security-oidc.discovery.back-channel-base-urls.{clientName}'",
            url, 200, "application/json", null);
    }

    private static string? StringProperty(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the document is not a JSON object");
        }

        return root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static DiscoveryException Malformed(Uri url, string what, long size, string detail, Exception? inner = null) =>
        new(DiscoveryErrorCodes.MalformedDocument,
            $"the {what} at '{url}' is unusable: {detail}; check that the URL points at the OpenID provider",
            url, 200, "application/json", size, inner);
}
