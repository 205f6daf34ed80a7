using System.Buffers;
using System.Buffers.Text;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// The compact serialization read strictly (RFC 7515 §7.1, SPEC §5.1): exactly three parts of unpadded base64url, nothing else —
/// no <c>=</c>, no spaces or line breaks, in any part, the signature included.
/// </summary>
internal static class CompactJws
{
    private static readonly SearchValues<char> Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Splits <paramref name="token"/> at its two dots; <see langword="false"/> unless it has exactly three parts and a non-empty header.</summary>
    public static bool TrySplit(ReadOnlySpan<char> token, out int firstDot, out int lastDot)
    {
        firstDot = token.IndexOf('.');
        var rest = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.');
        lastDot = rest < 0 ? -1 : firstDot + 1 + rest;
        return firstDot > 0 && lastDot > 0 && token[(lastDot + 1)..].IndexOf('.') < 0;
    }

    /// <summary>Whether <paramref name="part"/> is unpadded base64url: only <c>A–Z a–z 0–9 - _</c>, and a length that can be decoded.</summary>
    public static bool IsStrictBase64Url(ReadOnlySpan<char> part)
    {
        return part.Length % 4 != 1 && !part.ContainsAnyExcept(Alphabet);
    }

    /// <summary>The decoded length of a part checked with <see cref="IsStrictBase64Url"/>.</summary>
    public static int DecodedLength(ReadOnlySpan<char> part) => Base64Url.GetMaxDecodedLength(part.Length);

    /// <summary>Decodes a part checked with <see cref="IsStrictBase64Url"/> into <paramref name="destination"/>; the bytes written.</summary>
    public static int Decode(ReadOnlySpan<char> part, Span<byte> destination) => Base64Url.DecodeFromChars(part, destination);
}
