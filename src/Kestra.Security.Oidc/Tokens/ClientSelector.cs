using System.Buffers.Text;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Picks the client a token is for when the caller names none (SPEC §7): the only enabled client; else the clients whose
/// issuer is the token's <c>iss</c> (read before validation, which then checks it in full); among several with that issuer,
/// the one whose client id is the token's <c>azp</c>, else the one whose client id is in its <c>aud</c>.
/// </summary>
internal static class ClientSelector
{
    /// <summary>The client name, or none with a code and message saying why none could be picked.</summary>
    public static ClientChoice Select(KestraOidcOptions options, string token)
    {
        var choice = Select(options, token, out var code, out var message);
        return new ClientChoice(choice, code, message);
    }

    private static string? Select(KestraOidcOptions options, string token, out string? code, out string message)
    {
        code = null;
        message = string.Empty;
        var enabled = options.Clients.Where(c => c.Value.Enabled).ToList();
        if (enabled.Count == 1)
        {
            return enabled[0].Key;
        }

        if (enabled.Count == 0)
        {
            code = ClaimSourceErrorCodes.NoClientForIssuer;
            message = "no enabled client is configured under 'micronaut.security.oauth2.clients'";
            return null;
        }

        var names = string.Join(", ", enabled.Select(c => c.Key));
        if (!TryPeek(token, out var payload) || !payload.Issuer.IsString)
        {
            code = ClaimSourceErrorCodes.AmbiguousClient;
            message = $"several clients are configured ({names}) and the token {(payload is null ? "is not a JWT" : "has no 'iss'")}, so its issuer cannot pick one; name the client";
            return null;
        }

        var issuer = payload.Issuer.Text!;
        var candidates = enabled.Where(c => SameIssuer(c.Value.OpenId.Issuer, issuer)).ToList();
        if (candidates.Count == 0)
        {
            code = ClaimSourceErrorCodes.NoClientForIssuer;
            message = $"the token's issuer '{issuer}' is not the issuer of any enabled client ({string.Join(", ", enabled.Select(c => $"{c.Key}: '{c.Value.OpenId.Issuer}'"))}); the token comes from another provider or realm";
            return null;
        }

        if (candidates.Count == 1)
        {
            return candidates[0].Key;
        }

        var byAzp = payload.AuthorizedParty.IsString ? candidates.Where(c => c.Value.ClientId == payload.AuthorizedParty.Text).ToList() : [];
        if (byAzp.Count == 1)
        {
            return byAzp[0].Key;
        }

        var audiences = payload.Audiences ?? [];
        var byAud = candidates.Where(c => c.Value.ClientId is { } id && audiences.Contains(id)).ToList();
        if (byAud.Count == 1)
        {
            return byAud[0].Key;
        }

        code = ClaimSourceErrorCodes.AmbiguousClient;
        message = $"the clients {string.Join(", ", candidates.Select(c => $"'{c.Key}' (client-id '{c.Value.ClientId}')"))} all have the token's issuer '{issuer}', and its 'azp' ({payload.AuthorizedParty.Describe()}) and 'aud' [{string.Join(", ", audiences)}] do not tell them apart; name the client";
        return null;
    }

    private static bool SameIssuer(string? configured, string issuer) =>
        configured is not null && string.Equals(DiscoveryUrls.EffectiveIssuer(configured).TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal);

    private static bool TryPeek(string token, out PayloadClaims payload)
    {
        payload = null!;
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(token.AsSpan(first + 1, second - first - 1));
            if (PayloadReader.TryRead(bytes, out var claims, out _))
            {
                payload = claims;
                return true;
            }

            payload = new PayloadClaims();
            return false;
        }
        catch (FormatException)
        {
            payload = new PayloadClaims();
            return false;
        }
    }
}
