namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>The token endpoint's answer to a code redemption, with the request values the tokens must echo.</summary>
/// <param name="IdToken">The RS256 ID token (compact JWS).</param>
/// <param name="AccessToken">The access token (opaque with oidc-provider).</param>
/// <param name="RefreshToken">The refresh token, when one was issued.</param>
/// <param name="TokenType">Normally <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Access-token lifetime in seconds.</param>
/// <param name="Scope">The granted scopes.</param>
/// <param name="Nonce">The <c>nonce</c> sent in the authorization request.</param>
public sealed record TokenSet(
    string IdToken,
    string AccessToken,
    string? RefreshToken,
    string TokenType,
    int ExpiresIn,
    string? Scope,
    string Nonce);
