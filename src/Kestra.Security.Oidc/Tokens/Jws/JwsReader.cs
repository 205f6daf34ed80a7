using System.Buffers;
using System.Collections.Frozen;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// Reads a compact JWS (SPEC §5, §5.1): three strict base64url parts, the header through <see cref="JwsHeaderReader"/> (or as it
/// read before, from <see cref="JwsHeaderCache"/>), the payload decoded.
/// </summary>
internal static class JwsReader
{
    private const int StackLimit = 512;

    public static bool TryRead(string token, JwsHeaderCache headers, out JwsToken jws, out TokenFailure failure)
    {
        jws = default;
        if (!CompactJws.TrySplit(token, out var first, out var second))
        {
            failure = new TokenFailure(TokenCheck.Format, token.AsSpan().Count('.') == 4
                ? "the token is encrypted (JWE); encrypted tokens are not supported, turn off token encryption for the client"
                : "the token is not a JWT in compact form (three base64url parts separated by dots)");
            return false;
        }

        var headerPart = token.AsSpan(0, first);
        var payloadPart = token.AsSpan(first + 1, second - first - 1);
        if (!CompactJws.IsStrictBase64Url(headerPart) || !CompactJws.IsStrictBase64Url(payloadPart) || !CompactJws.IsStrictBase64Url(token.AsSpan(second + 1)))
        {
            failure = new TokenFailure(TokenCheck.Format, "a part of the token is not unpadded base64url (padding '=', spaces, line breaks or other characters; RFC 7515 §7.1)");
            return false;
        }

        if (!headers.TryGet(headerPart, out var header))
        {
            if (!TryReadHeader(headerPart, headers.Algorithms, out header, out failure))
            {
                return false;
            }

            headers.Add(headerPart, header);
        }

        var payload = new byte[CompactJws.DecodedLength(payloadPart)];
        CompactJws.Decode(payloadPart, payload);
        jws = new JwsToken(token, header, payload, second + 1);
        failure = default;
        return true;
    }

    private static bool TryReadHeader(ReadOnlySpan<char> headerPart, FrozenSet<string> algorithms, out JwsHeader header, out TokenFailure failure)
    {
        var headerLength = CompactJws.DecodedLength(headerPart);
        var rented = headerLength > StackLimit ? ArrayPool<byte>.Shared.Rent(headerLength) : null;
        try
        {
            Span<byte> headerBytes = rented ?? stackalloc byte[StackLimit];
            headerLength = CompactJws.Decode(headerPart, headerBytes);
            return JwsHeaderReader.TryRead(headerBytes[..headerLength], algorithms, out header, out failure);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
