namespace Kestra.Security.Oidc.Tokens;

/// <summary>What the claim checks compare the payload's claims with.</summary>
internal readonly record struct ClaimCheckInput(string Issuer, string ClientId, DateTimeOffset Now, TimeSpan ClockSkew, string? Nonce);
