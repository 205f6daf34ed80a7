namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The ID-token check that rejected a token (SPEC §5). Each has a stable code (<see cref="IdTokenValidationResult.Code"/>) from an
/// explicit table, not from these values; the values are pinned too, so existing ones never change.
/// </summary>
public enum IdTokenCheck
{
    /// <summary>KSO5101: the token is longer than <c>max-token-bytes</c>.</summary>
    Size = 1,

    /// <summary>KSO5102: not a signed JWT in compact form (three base64url parts with JSON header and payload), or duplicate member names at any depth.</summary>
    Format = 2,

    /// <summary>KSO5103: the <c>alg</c> header is not in the allow-list (<c>none</c> and HS* never are).</summary>
    Algorithm = 3,

    /// <summary>KSO5104: the <c>crit</c> header names parameters the library does not understand.</summary>
    CriticalHeader = 4,

    /// <summary>KSO5105: the signature does not verify with the provider's key.</summary>
    Signature = 5,

    /// <summary>KSO5106: the <c>kid</c> is not in the provider's JWKS, even after a refetch.</summary>
    UnknownKey = 6,

    /// <summary>KSO5107: <c>iss</c> is missing or not exactly the provider's issuer.</summary>
    Issuer = 7,

    /// <summary>KSO5108: <c>aud</c> is missing or does not contain the client id.</summary>
    Audience = 8,

    /// <summary>KSO5109: <c>azp</c> is missing although there are several audiences, or is not the client id.</summary>
    AuthorizedParty = 9,

    /// <summary>KSO5110: <c>exp</c> is past (beyond the clock skew).</summary>
    Expired = 10,

    /// <summary>KSO5111: <c>nbf</c> is in the future (beyond the clock skew).</summary>
    NotYetValid = 11,

    /// <summary>KSO5112: <c>sub</c> is missing or empty.</summary>
    MissingSubject = 12,

    /// <summary>KSO5113: <c>exp</c> is missing or not a number.</summary>
    MissingExpiry = 13,

    /// <summary>KSO5114: the caller supplied a nonce and the token's <c>nonce</c> differs or is missing.</summary>
    Nonce = 14,

    /// <summary>KSO5115: not an ID token: a Keycloak access or refresh token (<c>typ</c> claim other than <c>ID</c>) or an <c>at+jwt</c> header.</summary>
    TokenType = 15,

    /// <summary>KSO5116: <c>iat</c> is missing, not a number, or in the future (beyond the clock skew).</summary>
    IssuedAt = 16,
}
