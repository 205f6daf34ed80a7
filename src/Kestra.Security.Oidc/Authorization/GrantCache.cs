using System.Buffers;
using System.Collections.Concurrent;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// The grants built for each distinct list of groups, shared by users with the same groups (results are immutable).
/// The key writes each group with its length first, as one character, so two distinct lists never share an entry
/// (<c>["a","b"]</c> → <c>\u0001a\u0001b</c>, <c>["a\nb"]</c> → <c>\u0003a\nb</c>; SPEC §4.4). A list with a group longer than
/// one character can count is built each time, not cached.
/// </summary>
internal sealed class GrantCache<T>
    where T : class
{
    /// <summary>How many distinct lists of groups keep their grants (a bound on memory, not on correctness).</summary>
    public const int MaxEntries = 4096;

    /// <summary>Keys up to this length are written on the stack and looked up without a string (the request path allocates nothing here).</summary>
    private const int StackKeyLength = 512;

    private readonly ConcurrentDictionary<string, T> _entries;
    private readonly ConcurrentDictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public GrantCache()
    {
        _entries = new ConcurrentDictionary<string, T>(StringComparer.Ordinal);
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public T GetOrBuild(IReadOnlyList<string> groups, Func<IReadOnlyList<string>, T> build)
    {
        var length = KeyLength(groups);
        if (length < 0)
        {
            return build(groups);
        }

        char[]? rented = null;
        var buffer = length <= StackKeyLength ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            var key = buffer[..WriteKey(groups, buffer)];
            if (_bySpan.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var built = build(groups);
            if (_entries.Count < MaxEntries)
            {
                _bySpan.TryAdd(key, built);
            }

            return built;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The key's length, or -1 when a group is too long for its length to be one character.</summary>
    private static int KeyLength(IReadOnlyList<string> groups)
    {
        var length = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var groupLength = groups[i].Length;
            if (groupLength > char.MaxValue)
            {
                return -1;
            }

            length += 1 + groupLength;
        }

        return length;
    }

    private static int WriteKey(IReadOnlyList<string> groups, Span<char> key)
    {
        // Indexed, not foreach: an interface enumerator would be an allocation per request.
        var at = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            key[at++] = (char)group.Length;
            group.CopyTo(key[at..]);
            at += group.Length;
        }

        return at;
    }
}
