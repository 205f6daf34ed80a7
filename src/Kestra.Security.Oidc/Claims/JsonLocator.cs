using System.Buffers;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// The fast path for simple paths (names and non-negative indexes): finds the byte offset of the value at the path by
/// scanning structure only (strings, brackets, literals) with vectorized searches, instead of tokenizing everything
/// before it. It never decides anything it is unsure of: an escaped member name, a miss, a wrong shape, anything
/// unexpected or nested deeper than allowed makes it give up, and the <see cref="System.Text.Json.Utf8JsonReader"/> walk takes over
/// (and produces the diagnostics or the payload error).
/// </summary>
internal static class JsonLocator
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> StringEnd = SearchValues.Create("\"\\"u8);

    /// <summary>Whether every segment is one the locator handles.</summary>
    public static bool Handles(ReadOnlySpan<PathSegment> segments)
    {
        foreach (var segment in segments)
        {
            if (segment.Kind == SegmentKind.Wildcard || segment.Index < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds the value at the path; <paramref name="depth"/> is the number of containers around it.</summary>
    public static bool TryLocate(ReadOnlySpan<byte> json, ReadOnlySpan<PathSegment> segments, int maxDepth, out int start, out int depth)
    {
        depth = 0;
        start = SkipWhitespace(json, 0);
        if (start < 0 || json[start] != '{')
        {
            return false;
        }

        foreach (var segment in segments)
        {
            if (depth + 1 >= maxDepth)
            {
                return false;
            }

            start = json[start] switch
            {
                (byte)'{' when segment.Kind != SegmentKind.Index => FindMember(json, start, segment.Utf8Name, maxDepth - depth - 1),
                (byte)'[' when segment.Kind != SegmentKind.Property => FindItem(json, start, segment.Index, maxDepth - depth - 1),
                _ => -1,
            };
            if (start < 0)
            {
                return false;
            }

            depth++;
        }

        return true;
    }

    private static int FindMember(ReadOnlySpan<byte> json, int pos, ReadOnlySpan<byte> name, int allowedDepth)
    {
        pos = SkipWhitespace(json, pos + 1);
        while (pos >= 0 && json[pos] == '"')
        {
            var keyEnd = EndOfString(json, pos, out var escaped);
            if (keyEnd < 0 || escaped)
            {
                return -1;
            }

            var key = json[(pos + 1)..(keyEnd - 1)];

            pos = SkipWhitespace(json, keyEnd);
            if (pos < 0 || json[pos] != ':')
            {
                return -1;
            }

            pos = SkipWhitespace(json, pos + 1);
            if (pos < 0 || key.SequenceEqual(name))
            {
                return pos;
            }

            pos = NextItem(json, pos, allowedDepth);
        }

        return -1;
    }

    private static int FindItem(ReadOnlySpan<byte> json, int pos, int index, int allowedDepth)
    {
        pos = SkipWhitespace(json, pos + 1);
        for (var i = 0; pos >= 0 && json[pos] != ']'; i++)
        {
            if (i == index)
            {
                return pos;
            }

            pos = NextItem(json, pos, allowedDepth);
        }

        return -1;
    }

    /// <summary>Skips a value and the comma after it; -1 at the end of the container or on anything unexpected.</summary>
    private static int NextItem(ReadOnlySpan<byte> json, int pos, int allowedDepth)
    {
        pos = SkipWhitespace(json, SkipValue(json, pos, allowedDepth));
        return pos >= 0 && json[pos] == ',' ? SkipWhitespace(json, pos + 1) : -1;
    }

    private static int SkipValue(ReadOnlySpan<byte> json, int pos, int allowedDepth)
    {
        switch (json[pos])
        {
            case (byte)'"':
                return EndOfString(json, pos, out _);
            case (byte)'{' or (byte)'[':
                return SkipContainer(json, pos, allowedDepth);
            case (byte)'t':
                return Literal(json, pos, "true"u8);
            case (byte)'f':
                return Literal(json, pos, "false"u8);
            case (byte)'n':
                return Literal(json, pos, "null"u8);
            default:
                var end = pos;
                while (end < json.Length && (char.IsAsciiDigit((char)json[end]) || json[end] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'))
                {
                    end++;
                }

                return end > pos ? end : -1;
        }
    }

    private static int SkipContainer(ReadOnlySpan<byte> json, int pos, int allowedDepth)
    {
        var depth = 0;
        while (true)
        {
            var next = json[pos..].IndexOfAny(Structural);
            if (next < 0)
            {
                return -1;
            }

            pos += next;
            switch (json[pos])
            {
                case (byte)'"':
                    pos = EndOfString(json, pos, out _);
                    if (pos < 0)
                    {
                        return -1;
                    }

                    continue;
                case (byte)'{' or (byte)'[':
                    if (++depth > allowedDepth)
                    {
                        return -1;
                    }

                    break;
                default:
                    if (--depth == 0)
                    {
                        return pos + 1;
                    }

                    break;
            }

            pos++;
        }
    }

    /// <summary>
    /// The offset just after the closing quote of the string that starts at <paramref name="pos"/>;
    /// <paramref name="escaped"/> tells whether the string holds a backslash escape.
    /// </summary>
    private static int EndOfString(ReadOnlySpan<byte> json, int pos, out bool escaped)
    {
        escaped = false;
        pos++;

        // Member names and most claim values are short: a plain loop beats the setup of a vectorized search there.
        var shortEnd = Math.Min(json.Length, pos + 24);
        for (; pos < shortEnd; pos++)
        {
            var b = json[pos];
            if (b == '"')
            {
                return pos + 1;
            }

            if (b == '\\')
            {
                break;
            }
        }

        while (true)
        {
            var next = json[pos..].IndexOfAny(StringEnd);
            if (next < 0)
            {
                return -1;
            }

            pos += next;
            if (json[pos] == '"')
            {
                return pos + 1;
            }

            escaped = true;
            pos += 2;
            if (pos >= json.Length)
            {
                return -1;
            }
        }
    }

    private static int Literal(ReadOnlySpan<byte> json, int pos, ReadOnlySpan<byte> literal) =>
        json[pos..].StartsWith(literal) ? pos + literal.Length : -1;

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int pos)
    {
        if (pos < 0)
        {
            return -1;
        }

        while (pos < json.Length && json[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        return pos < json.Length ? pos : -1;
    }
}
