namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>kestra-security-oidc.introspection</c>: RFC 7662 token introspection (SPEC §7).</summary>
public sealed class IntrospectionOptions
{
    /// <summary>
    /// <c>cache-duration</c>: how long an introspection answer is reused, never past the token's <c>exp</c>. Default 60 s;
    /// 0 turns the cache off. Cache keys are a SHA-256 hash of the token, never the token.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>cache-size</c>: at most this many answers are kept. Default 10,000.</summary>
    public int CacheSize { get; set; } = 10_000;
}
