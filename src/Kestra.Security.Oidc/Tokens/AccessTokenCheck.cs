namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The access-token check that rejected a token (SPEC §7). Each has a stable code from <see cref="AccessTokenCheckCodes"/>,
/// written out in a table rather than computed from the member's position.
/// </summary>
public enum AccessTokenCheck
{
    /// <summary>KSO5201: the token is longer than <c>max-token-bytes</c>.</summary>
    Size = 1,

    /// <summary>KSO5202: not a signed JWT in compact form with a JSON header and payload, or duplicate members.</summary>
    Format,

    /// <summary>KSO5203: the <c>alg</c> header is not in the allow-list (<c>none</c> and HS* never are).</summary>
    Algorithm,

    /// <summary>KSO5204: the <c>crit</c> header names parameters the library does not understand.</summary>
    CriticalHeader,

    /// <summary>KSO5205: the signature does not verify with the provider's key.</summary>
    Signature,

    /// <summary>KSO5206: the <c>kid</c> is not in the provider's JWKS, even after a refetch.</summary>
    UnknownKey,

    /// <summary>KSO5207: <c>iss</c> is missing or not exactly the provider's issuer.</summary>
    Issuer,

    /// <summary>KSO5208: <c>aud</c> is missing or contains none of the configured audiences (default: the client id).</summary>
    Audience,

    /// <summary>KSO5209: <c>authorized-parties</c> is configured and <c>azp</c> is missing or not one of them.</summary>
    AuthorizedParty,

    /// <summary>KSO5210: <c>exp</c> is past (beyond the clock skew).</summary>
    Expired,

    /// <summary>KSO5211: <c>nbf</c> is in the future (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary>KSO5212: neither <c>sub</c> nor (for a service account) <c>client_id</c> is a non-empty string.</summary>
    MissingSubject,

    /// <summary>KSO5213: <c>exp</c> is missing or not a NumericDate.</summary>
    MissingExpiry,

    /// <summary>KSO5214: <c>iat</c> is missing, not a NumericDate, or further in the future than the clock skew.</summary>
    IssuedAt,

    /// <summary>KSO5215: not an access token: an ID, refresh or logout token (payload <c>typ</c> other than <c>Bearer</c>, a <c>nonce</c>, or a foreign header <c>typ</c>).</summary>
    TokenType,

    /// <summary>KSO5216: the token is opaque (not a JWT); only introspection can tell whether it is valid.</summary>
    Opaque,

    /// <summary>KSO5321: no client was named and no enabled client has the token's issuer.</summary>
    NoClientForIssuer,

    /// <summary>KSO5322: no client was named and several clients fit the token (same issuer, and <c>azp</c>/<c>aud</c> do not tell them apart).</summary>
    AmbiguousClient,
}
