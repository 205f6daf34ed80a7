namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Every check of the token pipeline, whatever the token kind: the JWS core's (form, algorithm, keys, signature, issuer, times)
/// and the profiles' (audience, subject, kind, nonce, …). Public codes come from <see cref="Diagnostics.TokenCheckCodes"/>,
/// never from these positions: add members anywhere, and a code to that table.
/// </summary>
internal enum TokenCheck
{
    Size,
    Format,
    Algorithm,
    CriticalHeader,
    Signature,
    UnknownKey,
    Issuer,
    Audience,
    AuthorizedParty,
    Expired,
    NotYetValid,
    MissingSubject,
    MissingExpiry,
    Nonce,
    TokenType,
    IssuedAt,
    Events,
    TokenId,
    SessionOrSubject,
    Replayed,
}
