using System.Text;

namespace Kestra.Security.Oidc.Claims;

/// <summary>Turns claim-path text (SPEC §3) into segments; reports the first error with its column.</summary>
internal static class ClaimPathParser
{
    /// <summary>Characters that <c>\</c> may escape, in unquoted and quoted segments alike.</summary>
    internal const string Escapable = "\\.[]\"'";

    private const string AfterSegment = "'.', '[' or the end of the path";

    public static bool TryParse(string text, out PathSegment[] segments, out ClaimPathSyntaxException? error)
    {
        segments = [];
        if (text.Length == 0)
        {
            error = new ClaimPathSyntaxException(text, 1, "a claim name");
            return false;
        }

        var parser = new Cursor(text);
        var ok = text[0] == '/' ? parser.ParsePointer() : parser.ParseDotted();
        error = parser.Error;
        if (ok)
        {
            segments = [.. parser.Segments];
        }

        return ok;
    }

    private sealed class Cursor(string text)
    {
        private int _pos;

        public List<PathSegment> Segments { get; } = [];

        public ClaimPathSyntaxException? Error { get; private set; }

        public bool ParsePointer()
        {
            var token = new StringBuilder();
            _pos = 1;
            while (true)
            {
                if (_pos == text.Length || text[_pos] == '/')
                {
                    Segments.Add(PathSegment.Pointer(token.ToString()));
                    token.Clear();
                    if (_pos == text.Length)
                    {
                        return true;
                    }

                    _pos++;
                    continue;
                }

                var c = text[_pos++];
                if (c != '~')
                {
                    token.Append(c);
                    continue;
                }

                if (_pos == text.Length || (text[_pos] != '0' && text[_pos] != '1'))
                {
                    return Fail(_pos + 1, "'0' or '1' after '~' (RFC 6901: ~0 is '~', ~1 is '/')");
                }

                token.Append(text[_pos++] == '0' ? '~' : '/');
            }
        }

        public bool ParseDotted()
        {
            if (!(text[0] == '[' ? ParseBracket() : ParseName()))
            {
                return false;
            }

            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == '[')
                {
                    if (!ParseBracket())
                    {
                        return false;
                    }
                }
                else if (c == '.')
                {
                    _pos++;
                    if (!ParseName())
                    {
                        return false;
                    }
                }
                else
                {
                    return Fail(_pos + 1, AfterSegment);
                }
            }

            return true;
        }

        /// <summary>A dotted segment: unquoted with <c>\</c> escapes, or wholly quoted.</summary>
        private bool ParseName()
        {
            if (_pos == text.Length || text[_pos] is '.' or '[')
            {
                return Fail(_pos + 1, "a segment name");
            }

            if (text[_pos] is '"' or '\'')
            {
                return ParseQuoted(out var quoted) && Add(PathSegment.Property(quoted));
            }

            var name = new StringBuilder();
            while (_pos < text.Length && text[_pos] is not ('.' or '['))
            {
                var c = text[_pos];
                if (c is '"' or '\'')
                {
                    return Fail(_pos + 1, "a name character (quotes may only surround a whole segment)");
                }

                if (c == '\\' && !ReadEscape(name))
                {
                    return false;
                }

                if (c != '\\')
                {
                    name.Append(c);
                    _pos++;
                }
            }

            return Add(PathSegment.Property(name.ToString()));
        }

        /// <summary><c>[n]</c>, <c>[-n]</c>, <c>[*]</c>, <c>["name"]</c> or <c>['name']</c>.</summary>
        private bool ParseBracket()
        {
            _pos++;
            if (_pos == text.Length)
            {
                return Fail(_pos + 1, "an index, '*' or a quoted name");
            }

            var c = text[_pos];
            PathSegment segment;
            if (c == '*')
            {
                _pos++;
                segment = PathSegment.Wildcard;
            }
            else if (c is '"' or '\'')
            {
                if (!ParseQuoted(out var name))
                {
                    return false;
                }

                segment = PathSegment.Property(name);
            }
            else if (c == '-' || char.IsAsciiDigit(c))
            {
                if (!ParseIndex(out var index))
                {
                    return false;
                }

                segment = PathSegment.ArrayIndex(index);
            }
            else
            {
                return Fail(_pos + 1, "an index, '*' or a quoted name");
            }

            if (_pos == text.Length || text[_pos] != ']')
            {
                return Fail(_pos + 1, "']'");
            }

            _pos++;
            return Add(segment);
        }

        private bool ParseIndex(out int index)
        {
            index = 0;
            var negative = text[_pos] == '-';
            if (negative)
            {
                _pos++;
            }

            var start = _pos;
            long value = 0;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                value = (value * 10) + (text[_pos] - '0');
                if (value > int.MaxValue)
                {
                    return Fail(start + 1, "an index no larger than 2147483647");
                }

                _pos++;
            }

            if (_pos == start)
            {
                return Fail(_pos + 1, "a digit");
            }

            index = negative ? -(int)value : (int)value;
            if (negative && value == 0)
            {
                return Fail(start + 1, "a non-zero index after '-'");
            }

            return true;
        }

        private bool ParseQuoted(out string value)
        {
            var quote = text[_pos++];
            var sb = new StringBuilder();
            value = string.Empty;
            while (_pos < text.Length)
            {
                var c = text[_pos];
                if (c == quote)
                {
                    _pos++;
                    value = sb.ToString();
                    return true;
                }

                if (c == '\\')
                {
                    if (!ReadEscape(sb))
                    {
                        return false;
                    }

                    continue;
                }

                sb.Append(c);
                _pos++;
            }

            return Fail(text.Length + 1, $"a closing {quote}");
        }

        /// <summary>At a backslash: appends the escaped character and moves past both.</summary>
        private bool ReadEscape(StringBuilder into)
        {
            if (_pos + 1 == text.Length)
            {
                return Fail(_pos + 2, "a character after '\\'");
            }

            var escaped = text[_pos + 1];
            if (!Escapable.Contains(escaped, StringComparison.Ordinal))
            {
                return Fail(_pos + 2, "one of . [ ] \" ' \\ after '\\'");
            }

            into.Append(escaped);
            _pos += 2;
            return true;
        }

        private bool Add(PathSegment segment)
        {
            Segments.Add(segment);
            return true;
        }

        private bool Fail(int column, string expected)
        {
            Error = new ClaimPathSyntaxException(text, column, expected);
            return false;
        }
    }
}
