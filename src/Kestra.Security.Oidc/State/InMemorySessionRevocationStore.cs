using System.Collections.Concurrent;

namespace Kestra.Security.Oidc.State;

/// <summary>
/// Revocations kept in this process: the default for one instance, and the local copy a shared store checks against.
/// Thread-safe; <see cref="Check"/> allocates nothing. Expired revocations are swept as the store grows, like
/// <see cref="InMemoryReplayCache"/>'s keys, so a store nobody calls <see cref="RemoveExpired"/> on stays bounded.
/// </summary>
public sealed class InMemorySessionRevocationStore : ISessionRevocationStore
{
    private const int SweepThreshold = 4096;
    private readonly ConcurrentDictionary<RevocationKey, RevocationWindow> _entries = new();
    private readonly TimeProvider _time;
    private int _sweepAt = SweepThreshold;

    /// <summary>Creates an empty store.</summary>
    /// <param name="time">The clock used to forget expired revocations. Default: the system clock.</param>
    public InMemorySessionRevocationStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How many revocation entries are held (a <c>sid</c> revocation with a <c>sub</c> holds two; expired ones until the next sweep).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    /// <returns>Always <see langword="true"/>: there is no other instance to share with.</returns>
    public ValueTask<bool> RevokeAsync(SessionRevocation revocation, CancellationToken cancellationToken = default)
    {
        Add(revocation);
        return ValueTask.FromResult(true);
    }

    /// <summary>Records a revocation locally. Adding one that is already known changes nothing.</summary>
    /// <returns><see langword="true"/> when the store changed.</returns>
    /// <exception cref="ArgumentException">The revocation names neither a <c>sid</c> nor a <c>sub</c>.</exception>
    public bool Add(SessionRevocation revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (revocation.SessionId is null && revocation.Subject is null)
        {
            throw new ArgumentException("A revocation needs a sid or a sub.", nameof(revocation));
        }

        if (_entries.Count >= Volatile.Read(ref _sweepAt))
        {
            RemoveExpired();
            Volatile.Write(ref _sweepAt, Math.Max(SweepThreshold, _entries.Count * 2));
        }

        var window = new RevocationWindow(revocation.RevokedAt, revocation.RetainUntil);
        if (revocation.SessionId is { } sid)
        {
            var changed = Merge(new RevocationKey(revocation.Issuer, RevocationKind.Session, sid), window);
            return (revocation.Subject is { } owner && Merge(new RevocationKey(revocation.Issuer, RevocationKind.SessionOwner, owner), window)) | changed;
        }

        return Merge(new RevocationKey(revocation.Issuer, RevocationKind.Subject, revocation.Subject!), window);
    }

    /// <inheritdoc/>
    public RevocationStatus Check(in SessionReference session)
    {
        if (_entries.IsEmpty)
        {
            return RevocationStatus.Active;
        }

        if (session.SessionId is { } sid && Holds(new RevocationKey(session.Issuer, RevocationKind.Session, sid), null))
        {
            return RevocationStatus.Revoked;
        }

        if (session.Subject is { } sub
            && (Holds(new RevocationKey(session.Issuer, RevocationKind.Subject, sub), session.IssuedAt)
                || (session.SessionId is null && Holds(new RevocationKey(session.Issuer, RevocationKind.SessionOwner, sub), session.IssuedAt))))
        {
            return RevocationStatus.Revoked;
        }

        return RevocationStatus.Active;
    }

    /// <summary>Forgets revocations past their retention.</summary>
    /// <returns>How many entries were removed.</returns>
    public int RemoveExpired()
    {
        var now = _time.GetUtcNow();
        var removed = 0;
        foreach (var (key, window) in _entries)
        {
            if (window.RetainUntil <= now && _entries.TryRemove(KeyValuePair.Create(key, window)))
            {
                removed++;
            }
        }

        return removed;
    }

    private bool Merge(RevocationKey key, RevocationWindow window)
    {
        while (true)
        {
            if (_entries.TryAdd(key, window))
            {
                return true;
            }

            if (!_entries.TryGetValue(key, out var known))
            {
                continue;
            }

            var merged = known.Merge(window);
            if (merged == known)
            {
                return false;
            }

            if (_entries.TryUpdate(key, merged, known))
            {
                return true;
            }
        }
    }

    /// <summary>Whether a live entry exists and, for subject entries, the reference was issued at or before the logout (unknown counts as before).</summary>
    private bool Holds(RevocationKey key, DateTimeOffset? issuedAt) =>
        _entries.TryGetValue(key, out var window)
        && window.RetainUntil > _time.GetUtcNow()
        && (key.Kind == RevocationKind.Session || issuedAt is not { } iat || iat <= window.RevokedAt);
}
