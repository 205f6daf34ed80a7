namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>Keycloak-shaped access tokens, built on the ID-token builder: <c>typ: Bearer</c>, no ID-token-only claims.</summary>
internal static class AccessTokens
{
    /// <summary>A Keycloak access token for client <c>kestra</c> (audience <c>kestra</c>, as an Audience mapper gives).</summary>
    public static TestTokenBuilder Keycloak(DateTimeOffset now) =>
        TestTokenBuilder.IdToken(now)
            .With("typ", "Bearer")
            .Without("at_hash")
            .With("scope", "openid profile email roles")
            .With("realm_access", new { roles = new[] { "offline_access" } });
}
