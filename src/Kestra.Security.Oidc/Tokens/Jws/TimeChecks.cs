namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>The registered time claims (SPEC §5, §5.1): <c>exp</c> required and not past, <c>nbf</c> honoured, <c>iat</c> required and not ahead; all within the clock skew.</summary>
internal static class TimeChecks
{
    private const double MaxUnixSeconds = 253_402_300_799;

    public static bool TryCheck(ReadOnlySpan<byte> payload, in RegisteredClaims claims, DateTimeOffset now, TimeSpan skew, out DateTimeOffset expiresAt, out TokenFailure failure)
    {
        failure = default;
        if (!TryDate(payload, claims.Expiry, out expiresAt))
        {
            return Fail(TokenCheck.MissingExpiry, $"the token's 'exp' is {claims.Expiry.Describe(payload)}, not a NumericDate", out failure);
        }

        if (now >= Add(expiresAt, skew))
        {
            return Fail(TokenCheck.Expired, $"the token expired at {expiresAt:O} (clock skew {skew.TotalSeconds:0} s); sign in again, or check this host's clock", out failure);
        }

        if (claims.NotBefore.IsPresent)
        {
            if (!TryDate(payload, claims.NotBefore, out var notBefore))
            {
                return Fail(TokenCheck.NotYetValid, $"the token's 'nbf' is {claims.NotBefore.Describe(payload)}, not a NumericDate", out failure);
            }

            if (Add(now, skew) < notBefore)
            {
                return Fail(TokenCheck.NotYetValid, $"the token is not valid before {notBefore:O} (clock skew {skew.TotalSeconds:0} s); check this host's clock", out failure);
            }
        }

        if (!TryDate(payload, claims.IssuedAt, out var issuedAt))
        {
            return Fail(TokenCheck.IssuedAt, $"the token's 'iat' is {claims.IssuedAt.Describe(payload)}, not a NumericDate (it is required)", out failure);
        }

        if (Add(now, skew) < issuedAt)
        {
            return Fail(TokenCheck.IssuedAt, $"the token was issued at {issuedAt:O}, in the future (clock skew {skew.TotalSeconds:0} s); check this host's clock and the provider's", out failure);
        }

        return true;
    }

    private static bool TryDate(ReadOnlySpan<byte> payload, ClaimValue value, out DateTimeOffset date)
    {
        date = default;
        var seconds = value.NumberIn(payload);
        if (double.IsNaN(seconds) || seconds < 0 || seconds > MaxUnixSeconds)
        {
            return false;
        }

        date = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }

    /// <summary>A NumericDate claim as a date (whole seconds), for a value the time checks have accepted.</summary>
    public static DateTimeOffset DateOf(ReadOnlySpan<byte> payload, ClaimValue value) => DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(value.NumberIn(payload)));

    private static DateTimeOffset Add(DateTimeOffset value, TimeSpan delta) =>
        DateTimeOffset.MaxValue - value < delta ? DateTimeOffset.MaxValue : value + delta;

    private static bool Fail(TokenCheck check, string message, out TokenFailure failure)
    {
        failure = new TokenFailure(check, message);
        return false;
    }
}
