namespace Kestra.Security.Oidc.Tokens;

/// <summary>The claims of an ID token that passed the claim checks.</summary>
internal sealed record IdTokenClaims(string Issuer, string Subject, IReadOnlyList<string> Audiences, DateTimeOffset ExpiresAt);
