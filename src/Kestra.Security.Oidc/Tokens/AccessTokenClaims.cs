namespace Kestra.Security.Oidc.Tokens;

/// <summary>The claims of an access token that passed the claim checks.</summary>
internal sealed record AccessTokenClaims(string Issuer, string Subject, IReadOnlyList<string> Audiences, string? AuthorizedParty, DateTimeOffset ExpiresAt);
