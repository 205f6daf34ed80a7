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

        // Each part is checked as it is decoded. A remembered header passed every check before, its exact text included; the
        // signature is decoded when it is verified, after discovery, so its text is checked here: a junk token costs no request.
        var headerPart = token.AsSpan(0, first);
        var payloadPart = token.AsSpan(first + 1, second - first - 1);
        if (!CompactJws.IsStrictBase64Url(token.AsSpan(second + 1)))
        {
            failure = NotBase64Url("signature");
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
        if (!CompactJws.TryDecode(payloadPart, payload, out _))
        {
            failure = NotBase64Url("payload");
            return false;
        }

        jws = new JwsToken(token, header, payload, second + 1);
        failure = default;
        return true;
    }

    private static TokenFailure NotBase64Url(string part) => new(TokenCheck.Format,
        $"the token's {part} is not unpadded base64url (padding '=', spaces, line breaks, other characters, or bits set after the last byte; RFC 7515 §7.1, RFC 4648 §3.5)");

    private static bool TryReadHeader(ReadOnlySpan<char> headerPart, FrozenSet<string> algorithms, out JwsHeader header, out TokenFailure failure)
    {
        var headerLength = CompactJws.DecodedLength(headerPart);
        var rented = headerLength > StackLimit ? ArrayPool<byte>.Shared.Rent(headerLength) : null;
        try
        {
            Span<byte> headerBytes = rented ?? stackalloc byte[StackLimit];
            if (!CompactJws.TryDecode(headerPart, headerBytes, out headerLength))
            {
                header = default;
                failure = NotBase64Url("header");
                return false;
            }

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
