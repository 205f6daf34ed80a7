using System.Buffers;
using System.Buffers.Text;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// The compact serialization read strictly (RFC 7515 §7.1, SPEC §5.1): exactly three parts of unpadded base64url, nothing else —
/// no <c>=</c>, no spaces or line breaks, in any part, the signature included.
/// </summary>
internal static class CompactJws
{
    private const string Characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly SearchValues<char> Alphabet = SearchValues.Create(Characters);

    /// <summary>Splits <paramref name="token"/> at its two dots; <see langword="false"/> unless it has exactly three parts and a non-empty header.</summary>
    public static bool TrySplit(ReadOnlySpan<char> token, out int firstDot, out int lastDot)
    {
        firstDot = token.IndexOf('.');
        var rest = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.');
        lastDot = rest < 0 ? -1 : firstDot + 1 + rest;
        return firstDot > 0 && lastDot > 0 && token[(lastDot + 1)..].IndexOf('.') < 0;
    }

    /// <summary>
    /// Whether <paramref name="part"/> is unpadded base64url: only <c>A–Z a–z 0–9 - _</c>, a length that can be decoded, and a last
    /// character whose bits beyond the data are zero (RFC 4648 §3.5; otherwise two texts would stand for the same bytes).
    /// </summary>
    public static bool IsStrictBase64Url(ReadOnlySpan<char> part) =>
        part.Length % 4 != 1 && !part.ContainsAnyExcept(Alphabet) && (part.IsEmpty || (Value(part[^1]) & UnusedBits(part.Length)) == 0);

    /// <summary>The decoded length of a part that <see cref="IsStrictBase64Url"/> accepts.</summary>
    public static int DecodedLength(ReadOnlySpan<char> part) => Base64Url.GetMaxDecodedLength(part.Length);

    /// <summary>
    /// Decodes <paramref name="part"/> into <paramref name="destination"/> (at least <see cref="DecodedLength"/> bytes) if it is what
    /// <see cref="IsStrictBase64Url"/> accepts, checked as it is decoded; <see langword="false"/> otherwise, never an exception.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> part, Span<byte> destination, out int written)
    {
        // The decoder refuses characters outside the alphabet and non-zero unused bits. It skips whitespace and accepts '='
        // padding: either leaves fewer data characters than the part has, and (the length not being 4k+1) fewer bytes than
        // DecodedLength, so the exact count refuses them. One pass instead of a scan and then a decode (issue 15).
        written = 0;
        return part.Length % 4 != 1
            && Base64Url.DecodeFromChars(part, destination, out _, out written) == OperationStatus.Done
            && written == DecodedLength(part);
    }

    /// <summary>The bits of the last character that carry no data: 4 when a part is 4k+2 characters long, 2 when 4k+3, none when 4k.</summary>
    private static int UnusedBits(int length) => (length % 4) switch
    {
        2 => 0b1111,
        3 => 0b11,
        _ => 0,
    };

    private static int Value(char c) => Characters.IndexOf(c);
}
