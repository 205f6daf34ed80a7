using System.Text;

namespace Kestra.Security.Oidc.Claims;

/// <summary>One compiled step of a <see cref="ClaimPath"/>; immutable.</summary>
internal readonly struct PathSegment : IEquatable<PathSegment>
{
    private PathSegment(SegmentKind kind, string name, int index)
    {
        Kind = kind;
        Name = name;
        Index = index;
        Utf8Name = name.Length == 0 ? [] : Encoding.UTF8.GetBytes(name);
    }

    public SegmentKind Kind { get; }

    /// <summary>The member name (<see cref="SegmentKind.Property"/>, <see cref="SegmentKind.PointerToken"/>), else empty.</summary>
    public string Name { get; }

    /// <summary><see cref="Name"/> as UTF-8, for <c>Utf8JsonReader.ValueTextEquals</c>.</summary>
    public byte[] Utf8Name { get; }

    /// <summary>The array index; for a pointer token, the index it denotes on an array or -1 when it denotes none.</summary>
    public int Index { get; }

    public static PathSegment Property(string name) => new(SegmentKind.Property, name, 0);

    public static PathSegment ArrayIndex(int index) => new(SegmentKind.Index, string.Empty, index);

    public static PathSegment Wildcard { get; } = new(SegmentKind.Wildcard, string.Empty, 0);

    public static PathSegment Pointer(string token) => new(SegmentKind.PointerToken, token, PointerIndex(token));

    public bool Equals(PathSegment other) =>
        Kind == other.Kind && Index == other.Index && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PathSegment other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Index, StringComparer.Ordinal.GetHashCode(Name));

    /// <summary>RFC 6901 array-index: <c>0</c> or a digit 1-9 followed by digits, no sign, no leading zero.</summary>
    private static int PointerIndex(string token)
    {
        if (token.Length == 0 || token.Length > 10 || (token.Length > 1 && token[0] == '0'))
        {
            return -1;
        }

        long value = 0;
        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= int.MaxValue ? (int)value : -1;
    }
}
