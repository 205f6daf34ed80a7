using System.Security.Cryptography;
using System.Text;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>The checks of SPEC §5 on the (not yet verified) payload: they need no key nor discovery, so a junk token is refused before any network use.</summary>
internal static class IdTokenClaimChecks
{
    private const double MaxUnixSeconds = 253_402_300_799;

    public static bool TryCheck(PayloadClaims payload, in ClaimCheckInput input, out IdTokenClaims claims, out IdTokenCheck failure, out string message)
    {
        claims = null!;
        if (payload.Type.IsPresent && !(payload.Type.IsString && payload.Type.Text == "ID"))
        {
            return Fail(IdTokenCheck.TokenType, $"the token's 'typ' claim is {payload.Type.Describe()}, not \"ID\": this is not an ID token (a Keycloak access token says \"Bearer\", a refresh token \"Refresh\"); pass the id_token of the token response", out failure, out message);
        }

        if (!payload.Issuer.IsString || !IssuerCandidate(payload.Issuer.Text!, input.Issuer))
        {
            return Fail(IdTokenCheck.Issuer, $"the token's issuer is {payload.Issuer.Describe()}, not '{input.Issuer}'; the token comes from another provider or realm, or Keycloak's hostname (KC_HOSTNAME) differs from the issuer users reach", out failure, out message);
        }

        if (payload.Audiences is not { } audiences)
        {
            return Fail(IdTokenCheck.Audience, $"the token's 'aud' is {(payload.HasAudience ? "not a string or an array of strings" : "missing")}", out failure, out message);
        }

        if (!audiences.Contains(input.ClientId))
        {
            return Fail(IdTokenCheck.Audience, $"the token's audience [{string.Join(", ", audiences)}] does not contain the client id '{input.ClientId}'; the token was issued to another client (check 'client-id')", out failure, out message);
        }

        if (payload.AuthorizedParty.IsPresent)
        {
            if (!payload.AuthorizedParty.IsString || payload.AuthorizedParty.Text != input.ClientId)
            {
                return Fail(IdTokenCheck.AuthorizedParty, $"the token's authorized party 'azp' is {payload.AuthorizedParty.Describe()}, not the client id '{input.ClientId}'", out failure, out message);
            }
        }
        else if (audiences.Count > 1)
        {
            return Fail(IdTokenCheck.AuthorizedParty, $"the token has {audiences.Count} audiences but no 'azp' naming the client it was issued to", out failure, out message);
        }

        if (!payload.Subject.IsString || payload.Subject.Text is not { Length: > 0 } subject)
        {
            return Fail(IdTokenCheck.MissingSubject, "the token has no 'sub' (a non-empty string identifying the user)", out failure, out message);
        }

        if (!TryDate(payload.Expiry, out var expiresAt))
        {
            return Fail(IdTokenCheck.MissingExpiry, $"the token's 'exp' is {payload.Expiry.Describe()}, not a NumericDate", out failure, out message);
        }

        if (input.Now >= Add(expiresAt, input.ClockSkew))
        {
            return Fail(IdTokenCheck.Expired, $"the token expired at {expiresAt:O} (clock skew {input.ClockSkew.TotalSeconds:0} s); sign in again, or check this host's clock", out failure, out message);
        }

        if (payload.NotBefore.IsPresent)
        {
            if (!TryDate(payload.NotBefore, out var notBefore))
            {
                return Fail(IdTokenCheck.NotYetValid, $"the token's 'nbf' is {payload.NotBefore.Describe()}, not a NumericDate", out failure, out message);
            }

            if (Add(input.Now, input.ClockSkew) < notBefore)
            {
                return Fail(IdTokenCheck.NotYetValid, $"the token is not valid before {notBefore:O} (clock skew {input.ClockSkew.TotalSeconds:0} s); check this host's clock", out failure, out message);
            }
        }

        if (!TryDate(payload.IssuedAt, out var issuedAt))
        {
            return Fail(IdTokenCheck.IssuedAt, $"the token's 'iat' is {payload.IssuedAt.Describe()}, not a NumericDate (it is required)", out failure, out message);
        }

        if (Add(input.Now, input.ClockSkew) < issuedAt)
        {
            return Fail(IdTokenCheck.IssuedAt, $"the token was issued at {issuedAt:O}, in the future (clock skew {input.ClockSkew.TotalSeconds:0} s); check this host's clock and the provider's", out failure, out message);
        }

        if (input.Nonce is not null && !NonceMatches(payload.Nonce, input.Nonce))
        {
            return Fail(IdTokenCheck.Nonce, "the token's 'nonce' is missing or differs from the nonce of the authentication request (a replayed or mixed-up response)", out failure, out message);
        }

        claims = new IdTokenClaims(payload.Issuer.Text!, subject, audiences, expiresAt);
        failure = default;
        message = string.Empty;
        return true;
    }

    /// <summary>
    /// Before discovery, the token's issuer is compared with the configured one, so that a foreign token causes no request
    /// (SPEC §5.1); a difference of one trailing slash is left to the exact check against the discovered issuer.
    /// </summary>
    private static bool IssuerCandidate(string issuer, string configured) =>
        string.Equals(issuer, configured, StringComparison.Ordinal)
        || string.Equals(issuer, configured + "/", StringComparison.Ordinal)
        || string.Equals(issuer + "/", configured, StringComparison.Ordinal);

    private static bool TryDate(ClaimValue value, out DateTimeOffset date)
    {
        date = default;
        if (value.Kind != System.Text.Json.JsonValueKind.Number || double.IsNaN(value.Number) || value.Number < 0 || value.Number > MaxUnixSeconds)
        {
            return false;
        }

        date = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(value.Number));
        return true;
    }

    private static bool NonceMatches(ClaimValue nonce, string expected) =>
        nonce.IsString && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce.Text!), Encoding.UTF8.GetBytes(expected));

    private static DateTimeOffset Add(DateTimeOffset value, TimeSpan delta) =>
        DateTimeOffset.MaxValue - value < delta ? DateTimeOffset.MaxValue : value + delta;

    private static bool Fail(IdTokenCheck check, string text, out IdTokenCheck failure, out string message)
    {
        failure = check;
        message = text;
        return false;
    }
}
