namespace Kestra.Security.Oidc.Tokens;

/// <summary>What the caller knows about the authentication request the ID token answers.</summary>
/// <param name="Nonce">The nonce sent in the authorization request; when set, the token's <c>nonce</c> must equal it.</param>
public sealed record IdTokenValidationContext(string? Nonce = null);
