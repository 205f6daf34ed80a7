using System.Collections.Concurrent;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// Each client's metadata cache, shared by the <see cref="IssuerMetadataProvider"/> instances a configuration reload creates:
/// a cache is reused while the settings it was built from (<see cref="DiscoverySettings"/>) are unchanged, and replaced
/// (so a changed issuer is fetched afresh) when they differ.
/// </summary>
internal sealed class ClientMetadataCacheStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ClientMetadataCache GetOrCreate(string clientName, DiscoverySettings settings, Func<ClientMetadataCache> create)
    {
        while (true)
        {
            if (_entries.TryGetValue(clientName, out var existing))
            {
                if (existing.Settings == settings)
                {
                    return existing.Cache;
                }

                var replacement = new Entry(settings, create());
                if (_entries.TryUpdate(clientName, replacement, existing))
                {
                    return replacement.Cache;
                }
            }
            else
            {
                var added = new Entry(settings, create());
                if (_entries.TryAdd(clientName, added))
                {
                    return added.Cache;
                }
            }
        }
    }

    private sealed record Entry(DiscoverySettings Settings, ClientMetadataCache Cache);
}
