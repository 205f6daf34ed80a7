using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>
/// The access-token rules of SPEC §7 on top of the JWS core (Keycloak's <c>typ: Bearer</c> tokens and RFC 9068 <c>at+jwt</c>):
/// header <c>typ</c> <c>at+jwt</c>, <c>JWT</c> or absent; payload <c>typ</c>, when present, <c>Bearer</c>; no ID-token-only claim
/// (<c>nonce</c>, <c>at_hash</c>); <c>sub</c> or <c>client_id</c>; <c>aud</c> one of the configured audiences (default the client id);
/// <c>azp</c> among the authorized parties when they are set. The core adds <c>iss</c>, <c>exp</c>, <c>iat</c>, <c>nbf</c>, key and signature.
/// </summary>
internal sealed class AccessTokenProfile(KestraOidcOptions options) : ITokenProfile<AccessTokenProfile.Context>
{
    public string Kind => "access token";

    public TokenFailure? CheckHeader(in JwsHeader header) =>
        header.Typ is { } typ && !IsAccessTokenType(typ)
            ? new TokenFailure(TokenCheck.TokenType, $"the token's 'typ' header is '{typ}', not 'at+jwt' or 'JWT': this is not an access token{(typ.Contains("logout", StringComparison.OrdinalIgnoreCase) ? " (a logout token)" : string.Empty)}")
            : null;

    public TokenFailure? CheckKind(ReadOnlySpan<byte> payload, in RegisteredClaims claims)
    {
        if (claims.Type.IsPresent && !claims.Type.TextEquals(payload, "Bearer"))
        {
            var kind = claims.Type.GetString(payload) switch
            {
                "ID" => "an ID token; send the access_token of the token response, not the id_token",
                "Refresh" or "Offline" => "a refresh token; send the access_token of the token response",
                "Logout" => "a logout token",
                _ => "not an access token",
            };
            return new TokenFailure(TokenCheck.TokenType, $"the token's 'typ' claim is {claims.Type.Describe(payload)}, not \"Bearer\": {kind}");
        }

        // Keycloak's access tokens say typ: Bearer; other providers' ID tokens are told apart by the claims only ID tokens carry.
        if (claims.Nonce.IsPresent || (!claims.Type.IsPresent && claims.AccessTokenHash.IsPresent))
        {
            return new TokenFailure(TokenCheck.TokenType, $"the token has {(claims.Nonce.IsPresent ? "a 'nonce'" : "an 'at_hash'")}, which only ID tokens carry: an ID token; send the access_token of the token response, not the id_token");
        }

        return null;
    }

    public TokenFailure? CheckClaims(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string clientName, in Context context)
    {
        if (!(claims.Subject.IsString && claims.Subject.Length > 0) && !(claims.ClientId.IsString && claims.ClientId.Length > 0))
        {
            return new TokenFailure(TokenCheck.MissingSubject, "the token has neither 'sub' (the user) nor 'client_id' (a service account) as a non-empty string");
        }

        if (CheckAudience(payload, claims, clientName) is { } audienceFailure)
        {
            return audienceFailure;
        }

        var parties = options.Extensions.AccessToken.AuthorizedParties;
        if (parties.Count > 0)
        {
            var party = claims.AuthorizedParty.IsString ? claims.AuthorizedParty : claims.ClientId;
            if (!party.IsString || !AnyEquals(payload, party, parties))
            {
                return new TokenFailure(TokenCheck.AuthorizedParty, $"the token was issued to {(party.IsString ? $"the client '{party.GetString(payload)}'" : "no named client (no 'azp' or 'client_id')")}, which is not in 'kestra-security-oidc.access-token.authorized-parties' [{string.Join(", ", parties)}]");
            }
        }

        return null;
    }

    /// <summary>The audiences the token must name one of: <c>access-token.audiences</c>, else the client id.</summary>
    private IReadOnlyList<string> Audiences(string clientName)
    {
        var configured = options.Extensions.AccessToken.Audiences;
        return configured.Count > 0 ? [.. configured]
            : options.Clients.TryGetValue(clientName, out var client) && client.ClientId is { } id ? [id] : [];
    }

    /// <summary>The public <see cref="AccessTokenCheck"/> of a core or profile check, written out (never an enum position).</summary>
    public static AccessTokenCheck ToPublic(TokenCheck check) => check switch
    {
        TokenCheck.Size => AccessTokenCheck.Size,
        TokenCheck.Format => AccessTokenCheck.Format,
        TokenCheck.Algorithm => AccessTokenCheck.Algorithm,
        TokenCheck.CriticalHeader => AccessTokenCheck.CriticalHeader,
        TokenCheck.Signature => AccessTokenCheck.Signature,
        TokenCheck.UnknownKey => AccessTokenCheck.UnknownKey,
        TokenCheck.Issuer => AccessTokenCheck.Issuer,
        TokenCheck.Audience => AccessTokenCheck.Audience,
        TokenCheck.AuthorizedParty => AccessTokenCheck.AuthorizedParty,
        TokenCheck.Expired => AccessTokenCheck.Expired,
        TokenCheck.NotYetValid => AccessTokenCheck.NotYetValid,
        TokenCheck.MissingSubject => AccessTokenCheck.MissingSubject,
        TokenCheck.MissingExpiry => AccessTokenCheck.MissingExpiry,
        TokenCheck.IssuedAt => AccessTokenCheck.IssuedAt,
        TokenCheck.TokenType => AccessTokenCheck.TokenType,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a check of access tokens"),
    };

    private TokenFailure? CheckAudience(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string clientName)
    {
        var configured = options.Extensions.AccessToken.Audiences;
        var clientId = AudienceList.ClientIdOf(options, clientName);
        if (claims.AudienceCount > 0)
        {
            if (configured.Count == 0 ? AudienceList.Contains(payload, claims, clientId) : ContainsAny(payload, claims, configured))
            {
                return null;
            }
        }

        var expected = string.Join(", ", Audiences(clientName));
        if (claims.AudienceCount == 0)
        {
            return new TokenFailure(TokenCheck.Audience, $"the token's 'aud' is {(claims.Audience.IsPresent ? "not a string or an array of strings" : "missing")}; expected one of [{expected}]; in Keycloak, add an Audience mapper to the client (Client scopes → dedicated scope → Add mapper → Audience)");
        }

        var audiences = AudienceList.ToList(payload, claims);
        return audiences is ["account"]
            ? new TokenFailure(TokenCheck.Audience, $"the token's only audience is 'account' (Keycloak's default, for its account console), not one of [{expected}]; in Keycloak, add an Audience mapper naming this API to the client that requests the token (Clients → client → Client scopes → dedicated scope → Add mapper → By configuration → Audience, 'Included Client Audience' or 'Included Custom Audience', 'Add to access token' on), or set 'kestra-security-oidc.access-token.audiences'")
            : new TokenFailure(TokenCheck.Audience, $"the token's audience [{string.Join(", ", audiences)}] contains none of [{expected}] ('kestra-security-oidc.access-token.audiences', default the client id); the token was issued for another API");
    }

    private static bool AnyEquals(ReadOnlySpan<byte> payload, ClaimValue value, IList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (value.TextEquals(payload, candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<byte> payload, in RegisteredClaims claims, IList<string> audiences)
    {
        foreach (var audience in audiences)
        {
            if (AudienceList.Contains(payload, claims, audience))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAccessTokenType(string typ) =>
        typ.Equals("at+jwt", StringComparison.OrdinalIgnoreCase)
        || typ.Equals("application/at+jwt", StringComparison.OrdinalIgnoreCase)
        || typ.Equals("JWT", StringComparison.OrdinalIgnoreCase);

    /// <summary>Nothing the caller adds for an access token (no nonce).</summary>
    internal readonly record struct Context;
}
