namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>kestra-security-oidc.discovery</c>: fetching the issuer's metadata and signing keys.</summary>
public sealed class DiscoveryOptions
{
    /// <summary><c>allow-insecure-http</c>: allow <c>http://</c> issuers on hosts other than loopback. Default <see langword="false"/>.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary><c>timeout</c>: per request. Default 10 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>refresh-interval</c>: how long fetched metadata and keys are used before a refresh. Default 1 h.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>outage-retry-interval</c>: first back-off while the provider is failing (doubles, up to the refresh interval). Default 30 s.</summary>
    public TimeSpan OutageRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>jwks-refetch-cooldown</c>: at most one JWKS refetch for an unknown <c>kid</c> per this interval. Default 5 min.</summary>
    public TimeSpan JwksRefetchCooldown { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>max-response-bytes</c>: response size cap. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// <c>back-channel-base-urls.&lt;client&gt;</c>: for hosts that reach the provider at an internal address
    /// (e.g. <c>http://keycloak:8080</c>) while tokens carry the public issuer. Requests go there; the issuer check is unchanged.
    /// </summary>
    public IDictionary<string, string> BackChannelBaseUrls { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
