using System.Security.Cryptography;
using System.Text;
using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>
/// The replay cache shared by every instance: one Redis <c>SET key 1 NX PX ttl</c> per identifier, which is atomic on
/// the server (of two instances racing with one <c>jti</c>, exactly one is told the key was set). <c>IDistributedCache</c>
/// cannot do this: its get-then-set lets both racers through. While Redis is unreachable, this instance's own memory
/// answers (logged): a replayed logout token can then only repeat the same revocation.
/// </summary>
internal sealed class RedisReplayCache(string endpoint, ILogger logger, TimeProvider time) : IReplayCache
{
    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(1);
    private readonly InMemoryReplayCache _local = new(time);
    private volatile IConnectionMultiplexer? _redis;

    public void Attach(IConnectionMultiplexer redis) => _redis = redis;

    public async ValueTask<ReplayCheck> TryAcceptAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_local.TryAccept(key, expiresAt) == ReplayCheck.Replayed)
        {
            return ReplayCheck.Replayed;
        }

        if (_redis is not { } redis)
        {
            SharedStateLog.ReplayCheckLocal(logger, endpoint, "not connected yet");
            return ReplayCheck.Accepted;
        }

        var lifetime = expiresAt - time.GetUtcNow();
        try
        {
            var set = await redis.GetDatabase().StringSetAsync(RedisKeyOf(key), 1, lifetime < MinimumLifetime ? MinimumLifetime : lifetime, When.NotExists)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return set ? ReplayCheck.Accepted : ReplayCheck.Replayed;
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            SharedStateLog.ReplayCheckLocal(logger, endpoint, RedisFailures.Describe(ex));
            return ReplayCheck.Accepted;
        }
    }

    private static RedisKey RedisKeyOf(string key) =>
        RedisConfiguration.ReplayPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
