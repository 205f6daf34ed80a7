namespace Kestra.Security.Oidc.Tokens;

/// <summary>The logout-token check that rejected a token (SPEC §9). Each has a stable code, see <see cref="LogoutTokenValidationResult.Code"/>.</summary>
public enum LogoutTokenCheck
{
    /// <summary>KSO5101: the token is longer than <c>max-token-bytes</c>.</summary>
    Size = 1,

    /// <summary>KSO5102: not a signed JWT in compact form, or duplicate member names at any depth.</summary>
    Format,

    /// <summary>KSO5103: the <c>alg</c> header is not in the allow-list.</summary>
    Algorithm,

    /// <summary>KSO5104: the <c>crit</c> header names parameters the library does not understand.</summary>
    CriticalHeader,

    /// <summary>KSO5105: the signature does not verify with the provider's key.</summary>
    Signature,

    /// <summary>KSO5106: the <c>kid</c> is not in the provider's JWKS, even after a refetch.</summary>
    UnknownKey,

    /// <summary>KSO5107: <c>iss</c> is missing or not exactly the provider's issuer.</summary>
    Issuer,

    /// <summary>KSO5108: <c>aud</c> is missing or does not contain the client id.</summary>
    Audience,

    /// <summary>KSO5110: <c>exp</c> is past (beyond the clock skew).</summary>
    Expired,

    /// <summary>KSO5111: <c>nbf</c> is in the future (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary>KSO5113: <c>exp</c> is missing or not a number.</summary>
    MissingExpiry,

    /// <summary>KSO5116: <c>iat</c> is missing, not a number, or in the future (beyond the clock skew).</summary>
    IssuedAt,

    /// <summary>KSO5115: not a logout token: neither header <c>typ: logout+jwt</c> nor Keycloak's claim <c>typ: Logout</c>, or another kind's <c>typ</c>.</summary>
    TokenType,

    /// <summary>KSO5114: a <c>nonce</c> is present (logout tokens never carry one).</summary>
    Nonce,

    /// <summary>KSO5130: <c>events</c> does not hold the back-channel logout event (<c>http://schemas.openid.net/event/backchannel-logout</c>) as an object.</summary>
    Events,

    /// <summary>KSO5131: <c>jti</c> is missing or not a non-empty string.</summary>
    TokenId,

    /// <summary>KSO5132: neither <c>sid</c> nor <c>sub</c>, or one of them is not a non-empty string.</summary>
    SessionOrSubject,

    /// <summary>KSO5133: this <c>jti</c> was accepted before (on any instance sharing the replay cache).</summary>
    Replayed,
}
