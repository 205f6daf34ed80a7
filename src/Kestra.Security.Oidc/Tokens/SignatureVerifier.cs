using System.Buffers;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Verifies a compact JWS signature with the one key chosen for it through Microsoft.IdentityModel's
/// <see cref="CryptoProviderFactory"/> (cached signature providers, key-size rules). The header and payload were already
/// read and checked, so the token is not parsed a second time.
/// </summary>
internal static class SignatureVerifier
{
    /// <summary>Whether <paramref name="signature"/> verifies over the token's signing input with <paramref name="key"/>.</summary>
    public static bool Verify(string token, string algorithm, SecurityKey key, byte[] signature)
    {
        if (signature.Length == 0)
        {
            return false;
        }

        var lastDot = token.LastIndexOf('.');
        var signed = ArrayPool<byte>.Shared.Rent(lastDot);
        try
        {
            var signedLength = Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signed);
            return VerifyWith(key, algorithm, signed, signedLength, signature);
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
