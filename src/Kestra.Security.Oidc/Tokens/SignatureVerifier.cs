using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Verifies a compact JWS signature with a key from the provider's JWKS through Microsoft.IdentityModel's
/// <see cref="CryptoProviderFactory"/> (cached signature providers, key-size rules). The header and payload were already
/// read and checked, so the token is not parsed a second time.
/// </summary>
internal static class SignatureVerifier
{
    /// <summary>
    /// Whether the signature verifies with <paramref name="kid"/>'s key, or with any key when the token names none;
    /// <paramref name="malformed"/> tells a signature part that is not base64url from one that does not verify.
    /// </summary>
    public static bool Verify(string token, string algorithm, string? kid, IReadOnlyList<SecurityKey> keys, Func<string, SecurityKey?> byKid, out bool malformed)
    {
        malformed = false;
        var lastDot = token.LastIndexOf('.');
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
        }
        catch (FormatException)
        {
            malformed = true;
            return false;
        }

        if (signature.Length == 0)
        {
            return false;
        }

        var signedLength = Encoding.ASCII.GetByteCount(token.AsSpan(0, lastDot));
        var signed = ArrayPool<byte>.Shared.Rent(signedLength);
        try
        {
            Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signed);
            if (kid is { Length: > 0 })
            {
                return byKid(kid) is { } key && VerifyWith(key, algorithm, signed, signedLength, signature);
            }

            foreach (var key in keys)
            {
                if (VerifyWith(key, algorithm, signed, signedLength, signature))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signed);
        }
    }

    private static bool VerifyWith(SecurityKey key, string algorithm, byte[] signed, int signedLength, byte[] signature)
    {
        var factory = key.CryptoProviderFactory ?? CryptoProviderFactory.Default;
        if (!factory.IsSupportedAlgorithm(algorithm, key))
        {
            return false;
        }

        SignatureProvider provider;
        try
        {
            provider = factory.CreateForVerifying(key, algorithm);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return false; // e.g. a key too small for the algorithm: it can never verify this token.
        }

        try
        {
            return provider.Verify(signed, 0, signedLength, signature, 0, signature.Length);
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
        }
    }
}
