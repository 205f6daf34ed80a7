using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The access-token profile of SPEC §7 on the (not yet verified) payload: Keycloak's <c>typ: Bearer</c> tokens and RFC 9068
/// <c>at+jwt</c>. Cheap, so a junk or foreign token is refused before any key work or network use. No nonce.
/// </summary>
internal static class AccessTokenClaimChecks
{
    private const double MaxUnixSeconds = 253_402_300_799;

    public static bool TryCheck(PayloadClaims payload, in AccessTokenExtraClaims extra, in AccessTokenCheckInput input, out AccessTokenClaims claims, out AccessTokenCheck failure, out string message)
    {
        claims = null!;
        if (!TryCheckKind(payload, extra, input.HeaderType, out failure, out message))
        {
            return false;
        }

        if (!payload.Issuer.IsString || !string.Equals(payload.Issuer.Text, input.Issuer, StringComparison.Ordinal))
        {
            return Fail(AccessTokenCheck.Issuer, $"the token's issuer is {payload.Issuer.Describe()}, not '{input.Issuer}'; the token comes from another provider or realm, or Keycloak's hostname (KC_HOSTNAME) differs from the issuer users reach", out failure, out message);
        }

        if (!TryDate(payload.Expiry, out var expiresAt))
        {
            return Fail(AccessTokenCheck.MissingExpiry, $"the token's 'exp' is {payload.Expiry.Describe()}, not a NumericDate", out failure, out message);
        }

        if (input.Now >= Add(expiresAt, input.ClockSkew))
        {
            return Fail(AccessTokenCheck.Expired, $"the token expired at {expiresAt:O} (clock skew {input.ClockSkew.TotalSeconds:0} s); get a new access token (refresh), or check this host's clock", out failure, out message);
        }

        if (!TryDate(extra.IssuedAt, out var issuedAt))
        {
            return Fail(AccessTokenCheck.IssuedAt, $"the token's 'iat' is {extra.IssuedAt.Describe()}, not a NumericDate", out failure, out message);
        }

        if (issuedAt > Add(input.Now, input.ClockSkew))
        {
            return Fail(AccessTokenCheck.IssuedAt, $"the token says it was issued at {issuedAt:O}, in the future (clock skew {input.ClockSkew.TotalSeconds:0} s); check this host's clock", out failure, out message);
        }

        if (payload.NotBefore.IsPresent && !(TryDate(payload.NotBefore, out var notBefore) && Add(input.Now, input.ClockSkew) >= notBefore))
        {
            return Fail(AccessTokenCheck.NotYetValid, $"the token's 'nbf' is {payload.NotBefore.Describe()}: not a NumericDate, or later than now (clock skew {input.ClockSkew.TotalSeconds:0} s); check this host's clock", out failure, out message);
        }

        var subject = payload.Subject.IsString && payload.Subject.Text is { Length: > 0 } sub ? sub
            : extra.ClientId.IsString && extra.ClientId.Text is { Length: > 0 } clientId ? clientId
            : null;
        if (subject is null)
        {
            return Fail(AccessTokenCheck.MissingSubject, "the token has neither 'sub' (the user) nor 'client_id' (a service account) as a non-empty string", out failure, out message);
        }

        if (!TryCheckAudience(payload, input.Audiences, out failure, out message))
        {
            return false;
        }

        var authorizedParty = payload.AuthorizedParty.IsString ? payload.AuthorizedParty.Text : extra.ClientId.IsString ? extra.ClientId.Text : null;
        if (input.AuthorizedParties.Count > 0 && (authorizedParty is null || !input.AuthorizedParties.Contains(authorizedParty)))
        {
            return Fail(AccessTokenCheck.AuthorizedParty, $"the token was issued to {(authorizedParty is null ? "no named client (no 'azp' or 'client_id')" : $"the client '{authorizedParty}'")}, which is not in 'kestra-security-oidc.access-token.authorized-parties' [{string.Join(", ", input.AuthorizedParties)}]", out failure, out message);
        }

        claims = new AccessTokenClaims(input.Issuer, subject, payload.Audiences!, authorizedParty, expiresAt);
        return true;
    }

    private static bool TryCheckKind(PayloadClaims payload, in AccessTokenExtraClaims extra, string? headerType, out AccessTokenCheck failure, out string message)
    {
        if (headerType is not null && !IsAccessTokenHeaderType(headerType))
        {
            return Fail(AccessTokenCheck.TokenType, $"the token's 'typ' header is '{headerType}', not 'at+jwt' or 'JWT': this is not an access token{(headerType.Contains("logout", StringComparison.OrdinalIgnoreCase) ? " (a logout token)" : string.Empty)}", out failure, out message);
        }

        if (payload.Type.IsPresent && !(payload.Type.IsString && payload.Type.Text == "Bearer"))
        {
            var kind = payload.Type.Text switch
            {
                "ID" => "an ID token; send the access_token of the token response, not the id_token",
                "Refresh" or "Offline" => "a refresh token; send the access_token of the token response",
                "Logout" => "a logout token",
                _ => "not an access token",
            };
            return Fail(AccessTokenCheck.TokenType, $"the token's 'typ' claim is {payload.Type.Describe()}, not \"Bearer\": {kind}", out failure, out message);
        }

        if (payload.Nonce.IsPresent || extra.HasAtHash)
        {
            return Fail(AccessTokenCheck.TokenType, $"the token has {(payload.Nonce.IsPresent ? "a 'nonce'" : "an 'at_hash'")}, which only ID tokens carry: an ID token; send the access_token of the token response, not the id_token", out failure, out message);
        }

        failure = default;
        message = string.Empty;
        return true;
    }

    private static bool TryCheckAudience(PayloadClaims payload, IReadOnlyList<string> expected, out AccessTokenCheck failure, out string message)
    {
        if (payload.Audiences is not { } audiences)
        {
            return Fail(AccessTokenCheck.Audience, $"the token's 'aud' is {(payload.HasAudience ? "not a string or an array of strings" : "missing")}; expected one of [{string.Join(", ", expected)}]; in Keycloak, add an Audience mapper to the client (Client scopes → {{client}}-dedicated → Add mapper → Audience)", out failure, out message);
        }

        foreach (var audience in audiences)
        {
            if (expected.Contains(audience))
            {
                failure = default;
                message = string.Empty;
                return true;
            }
        }

        if (audiences is ["account"])
        {
            return Fail(AccessTokenCheck.Audience, $"the token's only audience is 'account' (Keycloak's default, for its account console), not one of [{string.Join(", ", expected)}]; in Keycloak, add an Audience mapper naming this API to the client that requests the token (Clients → client → Client scopes → dedicated scope → Add mapper → By configuration → Audience, 'Included Client Audience' or 'Included Custom Audience', 'Add to access token' on), or set 'kestra-security-oidc.access-token.audiences'", out failure, out message);
        }

        return Fail(AccessTokenCheck.Audience, $"the token's audience [{string.Join(", ", audiences)}] contains none of [{string.Join(", ", expected)}] ('kestra-security-oidc.access-token.audiences', default the client id); the token was issued for another API", out failure, out message);
    }

    private static bool IsAccessTokenHeaderType(string typ) =>
        typ.Equals("at+jwt", StringComparison.OrdinalIgnoreCase)
        || typ.Equals("application/at+jwt", StringComparison.OrdinalIgnoreCase)
        || typ.Equals("JWT", StringComparison.OrdinalIgnoreCase);

    private static bool TryDate(ClaimValue value, out DateTimeOffset date)
    {
        date = default;
        if (value.Kind != JsonValueKind.Number || double.IsNaN(value.Number) || value.Number < 0 || value.Number > MaxUnixSeconds)
        {
            return false;
        }

        date = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(value.Number));
        return true;
    }

    private static DateTimeOffset Add(DateTimeOffset value, TimeSpan delta) =>
        DateTimeOffset.MaxValue - value < delta ? DateTimeOffset.MaxValue : value + delta;

    private static bool Fail(AccessTokenCheck check, string text, out AccessTokenCheck failure, out string message)
    {
        failure = check;
        message = text;
        return false;
    }
}
