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
    /// <summary>The signature and the signing input use stack buffers up to this many bytes each (a Keycloak token's input is about 1 KB).</summary>
    private const int StackLimit = 2048;

    public static bool Verify(in JwsToken jws, SigningKey key)
    {
        var signaturePart = jws.Text.AsSpan(jws.SignatureStart);
        if (signaturePart.IsEmpty)
        {
            return false;
        }

        var inputLength = jws.SigningInputLength;
        var signatureLength = CompactJws.DecodedLength(signaturePart);
        var rentedInput = inputLength > StackLimit ? ArrayPool<byte>.Shared.Rent(inputLength) : null;
        var rentedSignature = signatureLength > StackLimit ? ArrayPool<byte>.Shared.Rent(signatureLength) : null;
        try
        {
            // Exactly sized: a stack buffer is zeroed, so a larger one costs time on every token.
            Span<byte> signature = rentedSignature ?? stackalloc byte[signatureLength];
            if (!CompactJws.TryDecode(signaturePart, signature, out signatureLength))
            {
                return false;
            }

            Span<byte> input = rentedInput ?? stackalloc byte[inputLength];
            var written = Encoding.ASCII.GetBytes(jws.Text.AsSpan(0, inputLength), input);
            return key.Verify(input[..written], signature[..signatureLength]);
        }
        finally
        {
            if (rentedInput is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedInput);
            }

            if (rentedSignature is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedSignature);
            }
        }
    }
}
