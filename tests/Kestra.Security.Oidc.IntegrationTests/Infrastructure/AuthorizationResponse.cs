namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>What arrived at the client's redirect URI, and what the request sent that the client must keep.</summary>
/// <param name="Code">The authorization code.</param>
/// <param name="State">The <c>state</c> returned (equal to the one sent).</param>
/// <param name="Issuer">The <c>iss</c> response parameter (RFC 9207), when present.</param>
/// <param name="Nonce">The <c>nonce</c> sent.</param>
/// <param name="CodeVerifier">The PKCE verifier to redeem the code with.</param>
/// <param name="CallbackUri">The full redirect the provider sent the browser to.</param>
/// <param name="PromptedForCredentials">Whether the provider showed its login form (false when a session existed).</param>
public sealed record AuthorizationResponse(
    string Code,
    string State,
    string? Issuer,
    string Nonce,
    string CodeVerifier,
    Uri CallbackUri,
    bool PromptedForCredentials);
