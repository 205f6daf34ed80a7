using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Tokens.Jws;
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
    /// <param name="options">The configuration.</param>
    /// <param name="token">The token (read only when several clients are enabled).</param>
    /// <param name="named">The client the caller named: then it is the choice, unchecked here (validation checks it).</param>
    public static ClientChoice Select(KestraOidcOptions options, string token, string? named = null)
    {
        if (named is not null)
        {
            return new ClientChoice(named, null, string.Empty);
        }

        var choice = Select(options, token, out var code, out var message);
        return new ClientChoice(choice, code, message);
    }

    private static string? Select(KestraOidcOptions options, string token, out string? code, out string message)
    {
        code = null;
        message = string.Empty;

        // The request path of a service with one client (the usual case) decides without building a list.
        string? only = null;
        var count = 0;
        foreach (var (name, client) in options.Clients)
        {
            if (client.Enabled)
            {
                only = name;
                count++;
            }
        }

        if (count == 1)
        {
            return only;
        }

        var enabled = options.Clients.Where(c => c.Value.Enabled).ToList();

        if (enabled.Count == 0)
        {
            code = ClaimSourceErrorCodes.NoClientForIssuer;
            message = "no enabled client is configured under 'micronaut.security.oauth2.clients'";
            return null;
        }

        var names = string.Join(", ", enabled.Select(c => c.Key));
        var isJwt = TryPeek(token, out var payload, out var claims);
        if (!isJwt || !claims.Issuer.IsString)
        {
            code = ClaimSourceErrorCodes.AmbiguousClient;
            message = $"several clients are configured ({names}) and the token {(isJwt ? "has no 'iss'" : "is not a JWT")}, so its issuer cannot pick one; name the client";
            return null;
        }

        var issuer = claims.Issuer.GetString(payload)!;
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

        var azp = claims.AuthorizedParty.GetString(payload);
        var byAzp = azp is null ? [] : candidates.Where(c => c.Value.ClientId == azp).ToList();
        if (byAzp.Count == 1)
        {
            return byAzp[0].Key;
        }

        var audiences = AudienceList.ToList(payload, claims);
        var byAud = candidates.Where(c => c.Value.ClientId is { } id && audiences.Contains(id)).ToList();
        if (byAud.Count == 1)
        {
            return byAud[0].Key;
        }

        code = ClaimSourceErrorCodes.AmbiguousClient;
        message = $"the clients {string.Join(", ", candidates.Select(c => $"'{c.Key}' (client-id '{c.Value.ClientId}')"))} all have the token's issuer '{issuer}', and its 'azp' ({claims.AuthorizedParty.Describe(payload)}) and 'aud' [{string.Join(", ", audiences)}] do not tell them apart; name the client";
        return null;
    }

    private static bool SameIssuer(string? configured, string issuer) =>
        configured is not null && string.Equals(DiscoveryUrls.EffectiveIssuer(configured).TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>Decodes and reads the payload of a compact JWS, unverified (validation then checks it in full).</summary>
    private static bool TryPeek(string token, out byte[] payload, out RegisteredClaims claims)
    {
        payload = [];
        claims = default;
        if (!CompactJws.TrySplit(token, out var firstDot, out var lastDot))
        {
            return false;
        }

        var part = token.AsSpan(firstDot + 1, lastDot - firstDot - 1);
        payload = new byte[CompactJws.DecodedLength(part)];
        return CompactJws.TryDecode(part, payload, out _) && JwsPayloadReader.TryRead(payload, out claims, out _);
    }
}
