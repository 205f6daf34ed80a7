namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// What a few validated groups-claim values resolved to, by their exact bytes: the value of the groups claim path's first member
/// (Keycloak's whole <c>resource_access</c> object, say) is the same in every token of one user, and of every user with the same
/// roles, so its groups and their grants are read and looked up once per value instead of once per token (issue 15). Only a
/// resolution that produced no warning is remembered, so a hit is exactly what reading the value again would give. A fixed number
/// of slots chosen by a per-process hash, replaced on collision, so a stream of distinct values costs a bounded amount of memory.
/// Thread-safe: an entry is immutable and replaced whole.
/// </summary>
/// <typeparam name="T">What the value resolved to (immutable).</typeparam>
internal sealed class GroupsValueCache<T>
    where T : class
{
    /// <summary>How many values are remembered.</summary>
    public const int Slots = 64;

    /// <summary>Longer values are read each time, not remembered.</summary>
    public const int MaxValueLength = 1024;

    private readonly Entry?[] _entries = new Entry?[Slots];

    /// <summary>What <paramref name="value"/> resolved to, if its exact bytes were remembered.</summary>
    public bool TryGet(ReadOnlySpan<byte> value, out T resolved)
    {
        if (value.Length <= MaxValueLength && Volatile.Read(ref _entries[SlotOf(value)]) is { } entry && value.SequenceEqual(entry.Value))
        {
            resolved = entry.Resolved;
            return true;
        }

        resolved = null!;
        return false;
    }

    /// <summary>Remembers what <paramref name="value"/> resolved to, replacing whatever held its slot; long values are not kept.</summary>
    public void Add(ReadOnlySpan<byte> value, T resolved)
    {
        if (value.Length <= MaxValueLength)
        {
            Volatile.Write(ref _entries[SlotOf(value)], new Entry(value.ToArray(), resolved));
        }
    }

    private static int SlotOf(ReadOnlySpan<byte> value)
    {
        // HashCode is seeded per process, so which values share a slot cannot be chosen from outside; a shared slot only costs a miss.
        var hash = new HashCode();
        hash.AddBytes(value);
        return (int)((uint)hash.ToHashCode() % Slots);
    }

    private sealed record Entry(byte[] Value, T Resolved);
}
