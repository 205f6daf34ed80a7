using StackExchange.Redis;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>How the library connects to Redis, and the keys it uses there.</summary>
internal static class RedisConfiguration
{
    /// <summary>The sorted set of revocations (score: when each may be forgotten, in Unix milliseconds).</summary>
    public static readonly RedisKey RevocationSet = "kestra-security-oidc:revocations";

    /// <summary>The channel every instance subscribes to; each revocation is published there as it is added.</summary>
    public static readonly RedisChannel RevocationChannel = RedisChannel.Literal("kestra-security-oidc:revocations");

    /// <summary>Prefix of the replay-cache keys (followed by the SHA-256 of the key, never the identifier itself).</summary>
    public const string ReplayPrefix = "kestra-security-oidc:jti:";

    /// <summary>Prefix of the <c>IDistributedCache</c> entries.</summary>
    public const string CachePrefix = "kestra-security-oidc:cache:";

    /// <summary>
    /// Never abort on a failed connect (the host starts, the outage is logged, the multiplexer keeps retrying every
    /// second); fail fast while disconnected instead of queueing commands, so a request never waits on a dead server.
    /// </summary>
    public static ConfigurationOptions Create(string endpoint)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = 2000,
            SyncTimeout = 2000,
            AsyncTimeout = 2000,
            ConnectRetry = 1,
            ReconnectRetryPolicy = new LinearRetry(500),
            ClientName = "kestra-security-oidc",
        };
        options.EndPoints.Add(endpoint);
        return options;
    }
}
