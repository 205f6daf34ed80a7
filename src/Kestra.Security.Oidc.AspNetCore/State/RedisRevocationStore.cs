using System.Collections.Concurrent;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>
/// Revocations shared through Redis without a round trip per request: <see cref="Check"/> reads a local copy; each
/// revocation is added to a Redis sorted set and published; every instance's subscription feeds its copy at once, and a
/// periodic resync (and one on every reconnect) recovers anything missed. While the copy may be stale (Redis lost, not
/// yet resynchronised), <c>fail-closed</c> refuses every check; otherwise the copy keeps being applied.
/// </summary>
internal sealed class RedisRevocationStore : ISessionRevocationStore, IDisposable
{
    private readonly InMemorySessionRevocationStore _local;
    private readonly ConcurrentQueue<SessionRevocation> _pending = new();
    private readonly SemaphoreSlim _resyncGate = new(1, 1);
    private readonly SharedCacheOptions _options;
    private readonly string _endpoint;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private volatile IConnectionMultiplexer? _redis;
    private volatile bool _synchronised;
    private volatile bool _subscribed;
    private int _generation;
    private ITimer? _timer;

    public RedisRevocationStore(SharedCacheOptions options, ILogger logger, TimeProvider time)
    {
        _options = options;
        _endpoint = options.Redis!;
        _logger = logger;
        _time = time;
        _local = new InMemorySessionRevocationStore(time);
    }

    public RevocationStatus Check(in SessionReference session) =>
        !_synchronised && _options.FailClosed ? RevocationStatus.Unavailable : _local.Check(in session);

    public async ValueTask<bool> RevokeAsync(SessionRevocation revocation, CancellationToken cancellationToken = default)
    {
        _local.Add(revocation);
        if (_redis is { } redis)
        {
            try
            {
                await PushAsync(redis, revocation).WaitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (RedisFailures.IsRedisFailure(ex) && !cancellationToken.IsCancellationRequested)
            {
                SharedStateLog.RevocationNotShared(_logger, _endpoint, RedisFailures.Describe(ex));
            }
        }
        else
        {
            SharedStateLog.RevocationNotShared(_logger, _endpoint, "not connected yet");
        }

        _pending.Enqueue(revocation);
        return false;
    }

    /// <summary>Starts following Redis: subscribe, resynchronise, and resynchronise again every <c>resync-interval</c> and on every reconnect.</summary>
    public async Task AttachAsync(IConnectionMultiplexer redis)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        _redis = redis;
        _timer = _time.CreateTimer(_ => _ = ResyncAsync(), null, _options.ResyncInterval, _options.ResyncInterval);
        await ResyncAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes revocations kept locally during an outage, then reloads every live revocation from Redis; records whether the local
    /// copy is now complete. Never throws a Redis failure (nor the <see cref="ObjectDisposedException"/> of a stopping host): it is
    /// logged, and the copy counts as incomplete.
    /// </summary>
    private async Task ResyncAsync()
    {
        if (_redis is not { } redis)
        {
            return;
        }

        var generation = Volatile.Read(ref _generation);
        await _resyncGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var subscriber = redis.GetSubscriber();
            if (!_subscribed)
            {
                await subscriber.SubscribeAsync(RedisConfiguration.RevocationChannel, OnMessage).ConfigureAwait(false);
                _subscribed = true;
            }

            var pushed = 0;
            while (_pending.TryPeek(out var revocation))
            {
                await PushAsync(redis, revocation).ConfigureAwait(false);
                _pending.TryDequeue(out _);
                pushed++;
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var database = redis.GetDatabase();
            await database.SortedSetRemoveRangeByScoreAsync(RedisConfiguration.RevocationSet, double.NegativeInfinity, now).ConfigureAwait(false);
            var members = await database.SortedSetRangeByScoreAsync(RedisConfiguration.RevocationSet, now, double.PositiveInfinity, Exclude.Start).ConfigureAwait(false);
            foreach (var member in members)
            {
                Apply(member);
            }

            _local.RemoveExpired();
            var complete = Volatile.Read(ref _generation) == generation && subscriber.IsConnected(RedisConfiguration.RevocationChannel);
            if (complete && !_synchronised)
            {
                SharedStateLog.Resynchronised(_logger, _endpoint, members.Length, pushed);
            }

            _synchronised = complete;
        }
        catch (Exception ex) when (RedisFailures.IsRedisFailure(ex))
        {
            _synchronised = false;
            SharedStateLog.ResyncFailed(_logger, _endpoint, RedisFailures.Describe(ex));
        }
        finally
        {
            _resyncGate.Release();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        if (_redis is { } redis)
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private static Task PushAsync(IConnectionMultiplexer redis, SessionRevocation revocation)
    {
        var member = RevocationMessage.Encode(revocation);
        var database = redis.GetDatabase();
        var add = database.SortedSetAddAsync(RedisConfiguration.RevocationSet, member, revocation.RetainUntil.ToUnixTimeMilliseconds());
        var publish = database.PublishAsync(RedisConfiguration.RevocationChannel, member);
        return Task.WhenAll(add, publish);
    }

    private void OnMessage(RedisChannel channel, RedisValue message) => Apply(message);

    private void Apply(RedisValue member)
    {
        if (RevocationMessage.TryDecode(member, out var revocation))
        {
            _local.Add(revocation);
        }
        else
        {
            SharedStateLog.UnreadableRevocation(_logger, _endpoint);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        Interlocked.Increment(ref _generation);
        _synchronised = false;
        SharedStateLog.RedisLost(_logger, _endpoint, e.ConnectionType, e.FailureType,
            _options.FailClosed ? "requests are refused until it is back (fail-closed)" : "the last known revocations keep being applied (fail-open)");
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        SharedStateLog.RedisRestored(_logger, _endpoint, e.ConnectionType);
        _ = ResyncAsync();
    }
}
