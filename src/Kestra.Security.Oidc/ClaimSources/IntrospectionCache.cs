using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// Introspection answers kept for a while, keyed by the SHA-256 of the token (never the token itself). An entry lives at
/// most <c>cache-duration</c> and never past the token's <c>exp</c>; at most <c>capacity</c> entries are kept (expired ones
/// are swept when full; when still full, new answers are simply not kept). Thread-safe.
/// </summary>
internal sealed class IntrospectionCache(TimeProvider time, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The cache key of a token: its SHA-256, in hex.</summary>
    public static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool TryGet(string key, string client, string issuer, out SourceDocument document)
    {
        document = null!;
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (time.GetUtcNow() >= entry.Until)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
            return false;
        }

        if (entry.Client != client || entry.Issuer != issuer)
        {
            return false;
        }

        document = entry.Document;
        return true;
    }

    public void Set(string key, string client, string issuer, SourceDocument document, TimeSpan duration)
    {
        var now = time.GetUtcNow();
        var until = now + duration;
        if (document.ExpiresAt is { } expiresAt && expiresAt < until)
        {
            until = expiresAt;
        }

        if (until <= now)
        {
            return;
        }

        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            Sweep(now);
            if (_entries.Count >= capacity)
            {
                return;
            }
        }

        _entries[key] = new Entry(client, issuer, document, until);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now >= entry.Until)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private sealed record Entry(string Client, string Issuer, SourceDocument Document, DateTimeOffset Until);
}
