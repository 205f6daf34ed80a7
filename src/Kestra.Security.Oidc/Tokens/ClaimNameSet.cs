using System.Text;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The top-level claim names seen so far in a payload: ranges of the payload (copies for escaped names), compared linearly while
/// few (no allocation per name), then a hash set, so a payload of many claims costs no quadratic time.
/// </summary>
internal sealed class ClaimNameSet(byte[] payload)
{
    private const int LinearLimit = 48;

    private readonly Range[] _ranges = new Range[LinearLimit];
    private int _count;
    private List<byte[]>? _copies;
    private HashSet<string>? _many;

    /// <summary>Adds <paramref name="name"/>; <see langword="false"/> if it was already there. <paramref name="start"/> is its offset in the payload, or -1 when it is a copy.</summary>
    public bool Add(ReadOnlySpan<byte> name, int start)
    {
        if (_many is not null)
        {
            return _many.Add(Encoding.UTF8.GetString(name));
        }

        if (Contains(name))
        {
            return false;
        }

        if (_count + (_copies?.Count ?? 0) < LinearLimit)
        {
            if (start < 0)
            {
                (_copies ??= []).Add(name.ToArray());
            }
            else
            {
                _ranges[_count++] = new Range(start, start + name.Length);
            }
        }
        else
        {
            _many = new HashSet<string>(StringComparer.Ordinal);
            foreach (var range in _ranges.AsSpan(0, _count))
            {
                _many.Add(Encoding.UTF8.GetString(payload.AsSpan(range)));
            }

            foreach (var copy in _copies ?? [])
            {
                _many.Add(Encoding.UTF8.GetString(copy));
            }

            _many.Add(Encoding.UTF8.GetString(name));
        }

        return true;
    }

    private bool Contains(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (payload.AsSpan(_ranges[i]).SequenceEqual(name))
            {
                return true;
            }
        }

        foreach (var copy in _copies ?? [])
        {
            if (copy.AsSpan().SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }
}
