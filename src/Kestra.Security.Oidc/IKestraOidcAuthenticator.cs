namespace Kestra.Security.Oidc;

/// <summary>
/// The one call a host's request path needs: validate an ID token (optionally with the access token beside it) or an access
/// token alone, then read the groups from the configured claim sources and resolve the Kestra permissions.
/// </summary>
public interface IKestraOidcAuthenticator
{
    /// <summary>Validates <paramref name="idToken"/> against the client's issuer and resolves groups, roles and permissions.</summary>
    /// <param name="idToken">The compact JWS ID token.</param>
    /// <param name="clientName">The client under <c>micronaut.security.oauth2.clients</c>; null: the only one, or the one the token's issuer picks.</param>
    /// <param name="context">The nonce, the access token of the same response (for the claim sources), and optional diagnostic documents.</param>
    /// <param name="cancellationToken">Cancels waiting for discovery, userinfo or introspection.</param>
    /// <exception cref="Discovery.DiscoveryException">The provider could not be reached or answered wrongly, and no good metadata is cached.</exception>
    /// <exception cref="ClaimSources.ClaimSourceException">A configured userinfo or introspection endpoint could not be used (never a grant).</exception>
    ValueTask<KestraAuthenticationResult> AuthenticateAsync(
        string idToken,
        string? clientName = null,
        KestraAuthenticationContext? context = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Authenticates an API request by its access token alone (SPEC §7): a JWT access token is validated with the access-token
    /// profile; an opaque one, or a JWT whose groups are elsewhere, goes through introspection when it is among the claim sources.
    /// </summary>
    /// <param name="accessToken">The bearer token (compact JWT or opaque).</param>
    /// <param name="clientName">The client; null: the only one, or the one the token's issuer picks.</param>
    /// <param name="cancellationToken">Cancels waiting for discovery, userinfo or introspection.</param>
    /// <exception cref="Discovery.DiscoveryException">The provider could not be reached or answered wrongly, and no good metadata is cached.</exception>
    /// <exception cref="ClaimSources.ClaimSourceException">A configured userinfo or introspection endpoint could not be used (never a grant).</exception>
    ValueTask<KestraAuthenticationResult> AuthenticateAccessTokenAsync(
        string accessToken,
        string? clientName = null,
        CancellationToken cancellationToken = default);
}
