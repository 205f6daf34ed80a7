using System.Collections.Concurrent;

namespace Kestra.Security.Oidc.State;

/// <summary>
/// A replay cache in this process: the default for one instance, and a shared cache's fallback while its store is
/// unreachable. Atomic through <see cref="ConcurrentDictionary{TKey, TValue}"/>; expired keys are swept as it grows.
/// </summary>
public sealed class InMemoryReplayCache : IReplayCache
{
    private const int SweepThreshold = 4096;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _sweepAt = SweepThreshold;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="time">The clock that decides when a key has expired. Default: the system clock.</param>
    public InMemoryReplayCache(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How many keys are remembered (expired ones included until the next sweep).</summary>
    public int Count => _seen.Count;

    /// <inheritdoc/>
    public ValueTask<ReplayCheck> TryAcceptAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryAccept(key, expiresAt));

    /// <summary>The synchronous form of <see cref="TryAcceptAsync"/>.</summary>
    public ReplayCheck TryAccept(string key, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        if (_seen.Count >= Volatile.Read(ref _sweepAt))
        {
            Sweep(now);
        }

        while (true)
        {
            if (_seen.TryAdd(key, expiresAt))
            {
                return ReplayCheck.Accepted;
            }

            if (!_seen.TryGetValue(key, out var until))
            {
                continue;
            }

            if (until > now)
            {
                return ReplayCheck.Replayed;
            }

            if (_seen.TryUpdate(key, expiresAt, until))
            {
                return ReplayCheck.Accepted;
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, until) in _seen)
        {
            if (until <= now)
            {
                _seen.TryRemove(KeyValuePair.Create(key, until));
            }
        }

        Volatile.Write(ref _sweepAt, Math.Max(SweepThreshold, _seen.Count * 2));
    }
}
