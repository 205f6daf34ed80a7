namespace Kestra.Security.Oidc.Load;

/// <summary>One token of the pool with what the validator must say about it.</summary>
internal sealed record PooledToken(string Token, TokenKind Kind, string Group);
