namespace Kestra.Security.Oidc.Tokens;

/// <summary>What the access-token claim checks compare the payload with.</summary>
internal readonly record struct AccessTokenCheckInput(
    string Issuer,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> AuthorizedParties,
    DateTimeOffset Now,
    TimeSpan ClockSkew,
    string? HeaderType);
