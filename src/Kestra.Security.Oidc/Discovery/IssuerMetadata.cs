using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// What is known about one client's OpenID provider: the checked issuer, the endpoints after the configured overrides
/// (back-channel endpoints rewritten to the back-channel base URL when one is set), the signing keys, and when they were fetched.
/// </summary>
public sealed record IssuerMetadata
{
    /// <summary>The client name (<c>micronaut.security.oauth2.clients.&lt;name&gt;</c>).</summary>
    public required string ClientName { get; init; }

    /// <summary>The issuer exactly as the discovery document states it; ID tokens must carry exactly this <c>iss</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The discovery document's URL as requested (after any back-channel rewrite).</summary>
    public required Uri DiscoveryUrl { get; init; }

    /// <summary>The authorization endpoint (front channel): configured <c>authorization.url</c> or discovered.</summary>
    public Uri? AuthorizationEndpoint { get; init; }

    /// <summary>The token endpoint (back channel): configured <c>token.url</c> or discovered.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The userinfo endpoint (back channel): configured <c>user-info.url</c> or discovered.</summary>
    public Uri? UserInfoEndpoint { get; init; }

    /// <summary>The end-session endpoint (front channel): configured <c>end-session.url</c> or discovered; <see langword="null"/> when disabled.</summary>
    public Uri? EndSessionEndpoint { get; init; }

    /// <summary>The JWKS URL (back channel): configured <c>jwks-uri</c> or discovered.</summary>
    public required Uri JwksUri { get; init; }

    /// <summary>The discovery document as Microsoft.IdentityModel reads it (endpoints here are the provider's, before overrides).</summary>
    public required OpenIdConnectConfiguration Configuration { get; init; }

    /// <summary>The keys usable to verify ID tokens (each bound to one algorithm; refused keys are in <see cref="RefusedKeys"/>).</summary>
    public required IReadOnlyList<SecurityKey> SigningKeys { get; init; }

    /// <summary>The keys of the JWKS that are never used to verify tokens (encryption keys, RSA under 2048 bits, an <c>x5c</c> that differs…), with the reason.</summary>
    public IReadOnlyList<SigningKeyRefusal> RefusedKeys { get; init; } = [];

    /// <summary>When the discovery document was fetched.</summary>
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>When the signing keys were fetched (later than <see cref="FetchedAt"/> after a key refetch).</summary>
    public required DateTimeOffset KeysFetchedAt { get; init; }

    /// <summary>Problems that did not stop discovery (e.g. a trailing-slash-only issuer difference), each with its code.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    internal SigningKeySet KeySet { get; init; } = SigningKeySet.Empty;
}
