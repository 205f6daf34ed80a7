namespace Kestra.Security.Oidc.State;

/// <summary>What a request's token or cookie session says about the session it belongs to.</summary>
/// <param name="Issuer">The token's <c>iss</c>.</param>
/// <param name="SessionId">The token's <c>sid</c>, if any.</param>
/// <param name="Subject">The token's <c>sub</c>, if any.</param>
/// <param name="IssuedAt">The token's <c>iat</c> (or when the cookie session started), if known.</param>
public readonly record struct SessionReference(string Issuer, string? SessionId, string? Subject, DateTimeOffset? IssuedAt);
