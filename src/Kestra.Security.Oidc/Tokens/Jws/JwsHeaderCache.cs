using System.Collections.Frozen;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// The JOSE headers one validator has read successfully, by their encoded text: every token one provider key signs carries the
/// same header, so it is decoded and read strictly (<see cref="JwsHeaderReader"/>) once per key instead of once per token (issue 15).
/// A header is remembered only after it passed every header rule for <see cref="Algorithms"/>; a refused one is read again each time.
/// A few slots, replaced in turn, so a stream of distinct headers costs a bounded amount of memory. Thread-safe: an entry is
/// immutable and replaced whole.
/// </summary>
internal sealed class JwsHeaderCache(FrozenSet<string> algorithms)
{
    /// <summary>How many headers are remembered: the keys a provider signs with at once (two during a rotation), and some room.</summary>
    public const int Slots = 4;

    /// <summary>Longer encoded headers are read each time, not remembered (a Keycloak header is about 100 characters).</summary>
    public const int MaxPartLength = 512;

    private readonly Entry?[] _entries = new Entry?[Slots];
    private int _next;

    /// <summary>The allowed algorithms the remembered headers were read against.</summary>
    public FrozenSet<string> Algorithms { get; } = algorithms;

    /// <summary>The header whose encoded text is exactly <paramref name="part"/>, if it was read before.</summary>
    public bool TryGet(ReadOnlySpan<char> part, out JwsHeader header)
    {

        foreach (var entry in _entries)
        {
            if (entry is not null && part.SequenceEqual(entry.Part))
            {
                header = entry.Header;
                return true;
            }
        }

        header = default;
        return false;
    }

    /// <summary>Remembers that <paramref name="part"/> reads as <paramref name="header"/>, replacing the oldest slot; long parts are not kept.</summary>
    public void Add(ReadOnlySpan<char> part, in JwsHeader header)
    {
        if (part.Length > MaxPartLength)
        {
            return;
        }

        // A race on the slot index only changes which entry is replaced.
        var slot = (uint)Interlocked.Increment(ref _next) % Slots;
        Volatile.Write(ref _entries[slot], new Entry(part.ToString(), header));
    }

    private sealed record Entry(string Part, JwsHeader Header);
}
