using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// One claim as read: its JSON kind and where its value lies in the payload (for a string: the bytes between the quotes, still
/// escaped when <see cref="Escaped"/>), and its number. Nothing is copied until a string is asked for, so reading a payload
/// allocates nothing for the claims the checks only compare.
/// </summary>
internal readonly record struct ClaimValue(JsonValueKind Kind, int Start, int Length, bool Escaped, double Number)
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
