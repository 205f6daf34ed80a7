using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// The grants built for each distinct list of groups, shared by users with the same groups (results are immutable).
/// The key writes each group with its length first, so two distinct lists never share an entry
/// (<c>["a","b"]</c> → <c>1:a1:b</c>, <c>["a\nb"]</c> → <c>3:a\nb</c>; SPEC §4.4).
/// </summary>
internal sealed class GrantCache<T>
    where T : class
{
    /// <summary>How many distinct lists of groups keep their grants (a bound on memory, not on correctness).</summary>
    public const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);

    public T GetOrBuild(IReadOnlyList<string> groups, Func<IReadOnlyList<string>, T> build)
    {
        var key = KeyOf(groups);
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var built = build(groups);
        if (_entries.Count < MaxEntries)
        {
            _entries.TryAdd(key, built);
        }

        return built;
    }

    /// <summary>An injective key: the same text only for the same groups in the same order.</summary>
    internal static string KeyOf(IReadOnlyList<string> groups)
    {
        var key = new StringBuilder();
        foreach (var group in groups)
        {
            key.Append(group.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(group);
        }

        return key.ToString();
    }
}
