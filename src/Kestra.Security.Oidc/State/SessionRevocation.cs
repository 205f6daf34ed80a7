namespace Kestra.Security.Oidc.State;

/// <summary>
/// A logged-out session, from a back-channel logout token: its <c>sid</c> when the token has one, else every session of
/// its <c>sub</c> that started before the logout.
/// </summary>
/// <param name="Issuer">The issuer that ended the session (<c>iss</c> of the logout token).</param>
/// <param name="SessionId">The <c>sid</c>, when the logout token carries one.</param>
/// <param name="Subject">The <c>sub</c>, when the logout token carries one.</param>
/// <param name="RevokedAt">When the provider ended the session (the logout token's <c>iat</c>).</param>
/// <param name="RetainUntil">When the revocation may be forgotten: nothing carrying it can still be valid then.</param>
public sealed record SessionRevocation(string Issuer, string? SessionId, string? Subject, DateTimeOffset RevokedAt, DateTimeOffset RetainUntil);
