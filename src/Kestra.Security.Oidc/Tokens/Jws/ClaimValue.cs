using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// One claim as read: its JSON kind and where its value lies in the payload (for a string: the bytes between the quotes, still
/// escaped when <see cref="Escaped"/>). Nothing is decoded until a string or a number is asked for, so reading a payload
/// allocates nothing for the claims the checks only compare.
/// </summary>
internal readonly record struct ClaimValue(JsonValueKind Kind, int Start, int Length, bool Escaped)
{
    public bool IsPresent => Kind != JsonValueKind.Undefined;

    public bool IsString => Kind == JsonValueKind.String;

    /// <summary>The string value (unescaped), or <see langword="null"/> when the claim is not a string.</summary>
    public string? GetString(ReadOnlySpan<byte> payload)
    {
        if (!IsString)
        {
            return null;
        }

        if (!Escaped)
        {
            return Encoding.UTF8.GetString(payload.Slice(Start, Length));
        }

        var reader = new Utf8JsonReader(payload.Slice(Start - 1, Length + 2));
        reader.Read();
        return reader.GetString();
    }

    /// <summary>Whether the claim is a string equal (ordinal, unescaped) to <paramref name="expected"/>, without copying it.</summary>
    public bool TextEquals(ReadOnlySpan<byte> payload, string expected)
    {
        if (!IsString)
        {
            return false;
        }

        if (Escaped)
        {
            return string.Equals(GetString(payload), expected, StringComparison.Ordinal);
        }

        var utf8 = payload.Slice(Start, Length);
        if (System.Text.Ascii.Equals(utf8, expected))
        {
            return true;
        }

        if (System.Text.Ascii.IsValid(utf8) && System.Text.Ascii.IsValid(expected))
        {
            return false;
        }

        return string.Equals(Encoding.UTF8.GetString(utf8), expected, StringComparison.Ordinal);
    }

    /// <summary>
    /// The number, parsed when asked (12 bytes per claim instead of 24: the claims are copied along the request path, issue 15):
    /// an integer read as one, any other as a double, as <see cref="Utf8JsonReader.TryGetDouble"/> reads it; NaN for a number
    /// beyond a double and for any other kind.
    /// </summary>
    public double NumberIn(ReadOnlySpan<byte> payload)
    {
        if (Kind != JsonValueKind.Number)
        {
            return double.NaN;
        }

        var text = payload.Slice(Start, Length);
        if (System.Buffers.Text.Utf8Parser.TryParse(text, out long integer, out var consumed) && consumed == text.Length)
        {
            return integer;
        }

        // The reader's own rule: the whole text, and finite (no "Infinity" spelled out, no overflow to it).
        return System.Buffers.Text.Utf8Parser.TryParse(text, out double number, out consumed) && consumed == text.Length && double.IsFinite(number)
            ? number
            : double.NaN;
    }

    /// <summary>How the claim reads in a message: a quoted string, a number, or the JSON kind.</summary>
    public string Describe(ReadOnlySpan<byte> payload) => Kind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.String => $"\"{GetString(payload)}\"",
        JsonValueKind.Number => Encoding.UTF8.GetString(payload.Slice(Start, Length)),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => Kind.ToString().ToLower(CultureInfo.InvariantCulture),
        _ => $"an {Kind.ToString().ToLower(CultureInfo.InvariantCulture)}",
    };
}
