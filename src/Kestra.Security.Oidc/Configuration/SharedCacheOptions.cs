namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// <c>kestra-security-oidc.shared-cache</c>: state shared by every instance of a service (revoked sessions, the
/// logout-token <c>jti</c> replay cache, the introspection cache). In memory, for one instance, unless <see cref="Redis"/> is set.
/// </summary>
public sealed class SharedCacheOptions
{
    /// <summary><c>redis</c>: <c>HOST:PORT</c> of the Redis server the instances share (IPv6 as <c>[::1]:6379</c>). Default none: in memory.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// <c>fail-closed</c>: while Redis is unreachable (or not yet resynchronised after a reconnect), refuse requests whose
    /// revocation cannot be checked. Default <see langword="false"/>: the last known revocations keep being applied and the outage is logged.
    /// </summary>
    public bool FailClosed { get; set; }

    /// <summary>
    /// <c>revocation-retention</c>: how long a revoked <c>sid</c>/<c>sub</c> is remembered. Must cover the longest lifetime of
    /// anything that can carry it (access tokens, cookie sessions). Default 24 h.
    /// </summary>
    public TimeSpan RevocationRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// <c>resync-interval</c>: how often each instance reloads the whole revocation list from Redis, so a missed
    /// publication is recovered. Default 30 s. A reconnect always resynchronises at once.
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);
}
