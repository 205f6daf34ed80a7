namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>What the logout-only checks read from a logout token (or the rule it broke, with the message a user reads).</summary>
internal readonly record struct LogoutTokenClaims(LogoutTokenRule? Failed, string? Message, string? TokenId, string? SessionId, string? Subject)
{
    public static LogoutTokenClaims Fail(LogoutTokenRule rule, string message) => new(rule, message, null, null, null);
}
