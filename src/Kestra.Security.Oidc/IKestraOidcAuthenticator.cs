namespace Kestra.Security.Oidc;

/// <summary>The one call a host's request path needs: validate an ID token and resolve its Kestra permissions.</summary>
public interface IKestraOidcAuthenticator
{
    /// <summary>Validates <paramref name="idToken"/> against the client's issuer and resolves groups, roles and permissions.</summary>
    /// <param name="idToken">The compact JWS ID token.</param>
    /// <param name="clientName">The client under <c>micronaut.security.oauth2.clients</c>; null means the only one.</param>
    /// <param name="context">The nonce and optional diagnostic documents.</param>
    /// <param name="cancellationToken">Cancels waiting for discovery.</param>
    /// <exception cref="Discovery.DiscoveryException">The provider could not be reached or answered wrongly, and no good metadata is cached.</exception>
    ValueTask<KestraAuthenticationResult> AuthenticateAsync(
        string idToken,
        string? clientName = null,
        KestraAuthenticationContext? context = null,
        CancellationToken cancellationToken = default);
}
