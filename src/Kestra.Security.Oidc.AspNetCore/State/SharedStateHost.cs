using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>
/// Owns the state shared between instances: in memory, or one Redis connection (multiplexer) used by the revocation
/// store (pub/sub and a sorted set), the replay cache (<c>SET NX</c>) and the <c>IDistributedCache</c>. Chosen once, at
/// start, from <c>shared-cache</c>: a configuration reload does not rebuild it.
/// </summary>
internal sealed class SharedStateHost : IAsyncDisposable
{
    private readonly SharedCacheOptions _options;
    private readonly ILogger _logger;
    private readonly RedisRevocationStore? _redisRevocations;
    private readonly RedisReplayCache? _redisReplay;
    private readonly TaskCompletionSource<IConnectionMultiplexer> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConnectionMultiplexer? _multiplexer;

    public SharedStateHost(SharedCacheOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options;
        _logger = loggers.CreateLogger("Kestra.Security.Oidc.AspNetCore.SharedState");
        if (options.Redis is not { } endpoint)
        {
            Revocations = new InMemorySessionRevocationStore(time);
            ReplayCache = new InMemoryReplayCache(time);
            DistributedCache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
            return;
        }

        Revocations = _redisRevocations = new RedisRevocationStore(options, _logger, time);
        ReplayCache = _redisReplay = new RedisReplayCache(endpoint, _logger, time);
        DistributedCache = new RedisCache(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => _connected.Task,
            InstanceName = RedisConfiguration.CachePrefix,
        });
    }

    public ISessionRevocationStore Revocations { get; }

    public IReplayCache ReplayCache { get; }

    public IDistributedCache DistributedCache { get; }

    /// <summary>Connects to Redis (never throws for an unreachable server: the outage is logged and the connection retried).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Redis is not { } endpoint || _multiplexer is not null)
        {
            return;
        }

        SharedStateLog.UsingRedis(_logger, endpoint, _options.FailClosed, _options.RevocationRetention, _options.ResyncInterval);
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration.Create(endpoint)).WaitAsync(cancellationToken).ConfigureAwait(false);
        _redisReplay!.Attach(_multiplexer);
        _connected.TrySetResult(_multiplexer);
        await _redisRevocations!.AttachAsync(_multiplexer).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _redisRevocations?.Dispose();
        (DistributedCache as IDisposable)?.Dispose();
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
