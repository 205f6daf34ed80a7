using System.Buffers;
using System.Text;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// Verifies a compact JWS signature with the one key chosen for it: the signing input (the token's first two parts, ASCII) and the
/// decoded signature go straight to the key's imported RSA or ECDsa public key, so the token is parsed once and nothing is kept.
/// </summary>
internal static class SignatureVerifier
{
    private const int StackLimit = 1024;

    public static bool Verify(in JwsToken jws, SigningKey key)
    {
        var signaturePart = jws.Text.AsSpan(jws.SignatureStart);
        if (signaturePart.IsEmpty)
        {
            return false;
        }

        var inputLength = jws.SigningInputLength;
        var signatureLength = CompactJws.DecodedLength(signaturePart);
        var rented = ArrayPool<byte>.Shared.Rent(inputLength);
        var rentedSignature = signatureLength > StackLimit ? ArrayPool<byte>.Shared.Rent(signatureLength) : null;
        try
        {
            // Exactly sized: the stack buffer is zeroed, so a larger one costs time on every token.
            Span<byte> signature = rentedSignature ?? stackalloc byte[signatureLength];
            if (!CompactJws.TryDecode(signaturePart, signature, out signatureLength))
            {
                return false;
            }

            var written = Encoding.ASCII.GetBytes(jws.Text.AsSpan(0, inputLength), rented);
            return key.Verify(rented.AsSpan(0, written), signature[..signatureLength]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
            if (rentedSignature is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedSignature);
            }
        }
    }
}
