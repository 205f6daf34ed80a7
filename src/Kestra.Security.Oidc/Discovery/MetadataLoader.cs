using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>Fetches one client's discovery document and JWKS and turns them into <see cref="IssuerMetadata"/>.</summary>
internal sealed class MetadataLoader(ClientDiscoveryPlan plan, JsonDocumentFetcher fetcher, TokenValidationSettings validation, TimeProvider time)
{
    public ClientDiscoveryPlan Plan => plan;

    public async Task<IssuerMetadata> LoadAsync(CancellationToken cancellationToken)
    {
        var body = await fetcher.FetchAsync(plan.DiscoveryUrl, "discovery document", NotFoundHint(), cancellationToken).ConfigureAwait(false);
        var fetchedAt = time.GetUtcNow();
        var overrides = plan.Overrides;
        var prefix = $"micronaut.security.oauth2.clients.{plan.ClientName}.openid";
        var warnings = new List<string>(plan.Warnings);
        var configuration = ProviderDocumentReader.ReadConfiguration(body, plan.DiscoveryUrl, plan.ClientName, plan.Issuer, overrides.JwksUri is not null, warnings);
        var jwksUri = plan.BackChannelEndpoint(overrides.JwksUri, configuration.JwksUri, $"{prefix}.jwks-uri", "jwks_uri")!;
        DiscoveryUrls.EnsureSecure(jwksUri, "the JWKS URL", plan.AllowInsecureHttp);
        var metadata = new IssuerMetadata
        {
            ClientName = plan.ClientName,
            Issuer = configuration.Issuer,
            DiscoveryUrl = plan.DiscoveryUrl,
            AuthorizationEndpoint = plan.FrontChannelEndpoint(overrides.AuthorizationUrl, configuration.AuthorizationEndpoint, $"{prefix}.authorization.url", "authorization_endpoint"),
            TokenEndpoint = plan.BackChannelEndpoint(overrides.TokenUrl, configuration.TokenEndpoint, $"{prefix}.token.url", "token_endpoint"),
            UserInfoEndpoint = plan.BackChannelEndpoint(overrides.UserInfoUrl, configuration.UserInfoEndpoint, $"{prefix}.user-info.url", "userinfo_endpoint"),
            EndSessionEndpoint = overrides.EndSessionEnabled
                ? plan.FrontChannelEndpoint(overrides.EndSessionUrl, configuration.EndSessionEndpoint, $"{prefix}.end-session.url", "end_session_endpoint")
                : null,
            JwksUri = jwksUri,
            Configuration = configuration,
            SigningKeys = [],
            FetchedAt = fetchedAt,
            KeysFetchedAt = fetchedAt,
            Warnings = warnings,
        };
        return await LoadKeysAsync(metadata, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IssuerMetadata> LoadKeysAsync(IssuerMetadata metadata, CancellationToken cancellationToken)
    {
        var body = await fetcher.FetchAsync(metadata.JwksUri, "JWKS", "check 'jwks_uri' in the discovery document or the configured 'jwks-uri'", cancellationToken).ConfigureAwait(false);
        var keys = ProviderDocumentReader.ReadKeys(body, metadata.JwksUri, validation.Algorithms);
        return metadata with { SigningKeys = keys.Keys, RefusedKeys = keys.Refused, KeySet = keys, KeysFetchedAt = time.GetUtcNow() };
    }

    private string NotFoundHint()
    {
        var alternative = DiscoveryUrls.KeycloakAlternative(plan.IssuerUri);
        var configurationPath = $"'micronaut.security.oauth2.clients.{plan.ClientName}.openid.configuration-path'";
        if (alternative is null)
        {
            return $"check the realm name in the issuer and {configurationPath}";
        }

        return plan.IssuerUri.AbsolutePath.Contains("/auth/realms/", StringComparison.Ordinal)
            ? $"check the realm name; Keycloak 17 and later serve realms without '/auth': try the issuer '{alternative}'"
            : $"check the realm name; Keycloak before 17 (or with KC_HTTP_RELATIVE_PATH=/auth) serves realms under '/auth': try the issuer '{alternative}'";
    }
}
