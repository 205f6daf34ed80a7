using System.Buffers;
using System.Globalization;
using System.Text;

namespace Kestra.Security.Oidc.Claims;

/// <summary>Writes segments back as path text: the canonical form, and path prefixes for diagnostics.</summary>
internal static class ClaimPathFormatter
{
    private static readonly SearchValues<char> _escapable = SearchValues.Create(ClaimPathParser.Escapable);

    /// <summary>The canonical text of the first <paramref name="count"/> segments; parsing it gives the same segments.</summary>
    public static string Format(ReadOnlySpan<PathSegment> segments, int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            Append(sb, segments[i], i == 0);
        }

        return sb.ToString();
    }

    /// <summary>Appends one segment in canonical form; <paramref name="first"/> says whether it starts the path.</summary>
    public static void Append(StringBuilder sb, PathSegment segment, bool first)
    {
        switch (segment.Kind)
        {
            case SegmentKind.PointerToken:
                sb.Append('/').Append(segment.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                break;
            case SegmentKind.Index:
                sb.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                break;
            case SegmentKind.Wildcard:
                sb.Append("[*]");
                break;
            default:
                AppendName(sb, segment.Name, first);
                break;
        }
    }

    private static void AppendName(StringBuilder sb, string name, bool first)
    {
        if (IsPlain(name, first))
        {
            if (!first)
            {
                sb.Append('.');
            }

            sb.Append(name);
            return;
        }

        sb.Append("[\"");
        foreach (var c in name)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append("\"]");
    }

    /// <summary>A name that can be written unquoted: not empty, nothing escapable, not read as a JSON Pointer.</summary>
    private static bool IsPlain(string name, bool first) =>
        name.Length > 0
        && !name.AsSpan().ContainsAny(_escapable)
        && !(first && name[0] == '/');
}
