namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// How to start <c>tests/oidc-provider/server.mjs</c>. The defaults mirror a Kestra at
/// <c>http://localhost:8080</c> with client <c>kestra</c>; nothing ever listens on those URIs,
/// the flow driver stops at them.
/// </summary>
public sealed record OidcProviderServerOptions
{
    public const string DefaultKestraUrl = "http://localhost:8080";

    public string Realm { get; init; } = "kestra";

    public string ClientId { get; init; } = "kestra";

    public string ClientSecret { get; init; } = "kestra-secret";

    /// <summary>Kestra's <c>{url}/oauth/callback/{client}</c>.</summary>
    public IReadOnlyList<Uri> RedirectUris { get; init; } = [new Uri($"{DefaultKestraUrl}/oauth/callback/kestra")];

    /// <summary>Kestra's <c>{url}/logout</c>.</summary>
    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } = [new Uri($"{DefaultKestraUrl}/logout")];

    /// <summary>Where the provider POSTs logout tokens when a user logs out (OIDC Back-Channel Logout); none by default.</summary>
    public Uri? BackchannelLogoutUri { get; init; }

    /// <summary>Turns on Keycloak's "Consent Required" for the client.</summary>
    public bool RequireConsent { get; init; }

    /// <summary>How long to wait for the <c>READY</c> line (not counting <c>npm ci</c>).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>npm ci</c> may take when <c>node_modules</c> is missing.</summary>
    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
