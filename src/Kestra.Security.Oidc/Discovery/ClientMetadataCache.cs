using System.Security.Cryptography;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// One client's metadata: single-flight fetches, refresh with jitter (served stale while refreshing in the background),
/// the last good metadata during outages with doubling back-off, and cooldown-limited JWKS refetches.
/// </summary>
internal sealed class ClientMetadataCache(MetadataLoader loader, DiscoveryOptions options, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private volatile Snapshot? _snapshot;
    private Task<IssuerMetadata>? _inFlight;
    private Task<IssuerMetadata?>? _keysInFlight;
    private DateTimeOffset _retryAt;
    private DateTimeOffset _keysRefetchAllowedAt;
    private int _failures;
    private DiscoveryException? _lastError;

    public ClientDiscoveryPlan Plan => loader.Plan;

    private string Client => loader.Plan.ClientName;

    /// <summary>The running fetch or refresh, if any (tests await it).</summary>
    internal Task? Pending
    {
        get
        {
            lock (_gate)
            {
                return (Task?)_inFlight ?? _keysInFlight;
            }
        }
    }

    public ValueTask<IssuerMetadata> GetAsync(CancellationToken cancellationToken) => GetAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>The metadata at <paramref name="now"/>, a time just read from this cache's clock.</summary>
    public ValueTask<IssuerMetadata> GetAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_snapshot is { } fresh && now < fresh.RefreshAt)
        {
            KestraOidcMetrics.CacheHit(fresh.Metadata.ClientName);
            return new(fresh.Metadata);
        }

        Task<IssuerMetadata> task;
        lock (_gate)
        {
            var snapshot = _snapshot;
            if (snapshot is not null)
            {
                if (_inFlight is null && now >= snapshot.RefreshAt && now >= _retryAt)
                {
                    StartFetch(background: true);
                }

                return new(snapshot.Metadata);
            }

            if (_inFlight is null)
            {
                if (_lastError is not null && now < _retryAt)
                {
                    return ValueTask.FromException<IssuerMetadata>(_lastError);
                }

                StartFetch(background: false);
            }

            task = _inFlight!;
        }

        return new(task.WaitAsync(cancellationToken));
    }

    /// <summary>Refetches the JWKS for an unknown <c>kid</c>, at most once per cooldown; <see langword="null"/> when cooling down.</summary>
    public async ValueTask<IssuerMetadata?> RefetchKeysAsync(CancellationToken cancellationToken)
    {
        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        Task<IssuerMetadata?> task;
        lock (_gate)
        {
            if (_keysInFlight is null)
            {
                var now = time.GetUtcNow();
                if (now < _keysRefetchAllowedAt)
                {
                    DiscoveryLog.KeyRefetchCoolingDown(logger, Client, options.JwksRefetchCooldown);
                    return null;
                }

                _keysRefetchAllowedAt = now + options.JwksRefetchCooldown;
                _keysInFlight = Task.Run(() => RefetchKeysCoreAsync(current));
                _ = _keysInFlight.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }

            task = _keysInFlight;
        }

        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void StartFetch(bool background)
    {
        var task = Task.Run(FetchCoreAsync);
        _inFlight = task;
        if (background)
        {
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private async Task<IssuerMetadata> FetchCoreAsync()
    {
        try
        {
            var metadata = await loader.LoadAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var warning in metadata.Warnings)
            {
                DiscoveryLog.Warning(logger, Client, warning);
            }

            DiscoveryLog.Fetched(logger, Client, metadata.DiscoveryUrl, metadata.Issuer, metadata.SigningKeys.Count);
            lock (_gate)
            {
                _snapshot = new Snapshot(metadata, metadata.FetchedAt + JitteredRefreshInterval());
                _failures = 0;
                _lastError = null;
            }

            return metadata;
        }
        catch (DiscoveryException ex)
        {
            lock (_gate)
            {
                _failures++;
                _lastError = ex;
                _retryAt = time.GetUtcNow() + BackOff(_failures);
                if (_snapshot is { } lastGood)
                {
                    DiscoveryLog.ServingLastGood(logger, Client, ex.Code, lastGood.Metadata.FetchedAt, _retryAt, ex);
                }
                else
                {
                    DiscoveryLog.FetchFailed(logger, Client, ex.Code, _retryAt, ex);
                }
            }

            throw;
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }

    private async Task<IssuerMetadata?> RefetchKeysCoreAsync(IssuerMetadata current)
    {
        try
        {
            var updated = await loader.LoadKeysAsync(current, CancellationToken.None).ConfigureAwait(false);
            DiscoveryLog.KeysRefetched(logger, Client, updated.SigningKeys.Count);
            lock (_gate)
            {
                if (_snapshot is { } snapshot && ReferenceEquals(snapshot.Metadata, current))
                {
                    _snapshot = snapshot with { Metadata = updated };
                }
            }

            return updated;
        }
        finally
        {
            lock (_gate)
            {
                _keysInFlight = null;
            }
        }
    }

    /// <summary>The outage back-off: the retry interval doubled per consecutive failure, at most the refresh interval.</summary>
    internal TimeSpan BackOff(int failures)
    {
        var delay = options.OutageRetryInterval * Math.Pow(2, Math.Min(failures - 1, 20));
        return delay < options.RefreshInterval ? delay : options.RefreshInterval;
    }

    /// <summary>The refresh interval less up to 10 % at random, so that many instances do not refresh together.</summary>
    private TimeSpan JitteredRefreshInterval() =>
        options.RefreshInterval - (options.RefreshInterval * (RandomNumberGenerator.GetInt32(0, 1001) / 10_000d));

    private sealed record Snapshot(IssuerMetadata Metadata, DateTimeOffset RefreshAt);
}
