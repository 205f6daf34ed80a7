namespace Kestra.Security.Oidc.Tokens;

/// <summary>The check that refused a token and why (never the token itself).</summary>
internal readonly record struct TokenFailure(TokenCheck Check, string Message);
