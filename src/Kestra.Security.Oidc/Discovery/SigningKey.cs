using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// One usable verification key of a JWKS, bound to the one algorithm it may verify (SPEC §5.1), with its public key imported once
/// when the JWKS is read. Verification only reads the key, so one instance serves concurrent requests.
/// </summary>
internal sealed class SigningKey
{
    private readonly AsymmetricAlgorithm _publicKey;
    private readonly HashAlgorithmName _hash;
    private readonly RSASignaturePadding? _padding;

    public SigningKey(SecurityKey key, string? keyId, string algorithm, AsymmetricAlgorithm publicKey)
    {
        Key = key;
        KeyId = keyId;
        Algorithm = algorithm;
        _publicKey = publicKey;
        _hash = algorithm[2..] switch
        {
            "384" => HashAlgorithmName.SHA384,
            "512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        _padding = algorithm[0] switch
        {
            'R' => RSASignaturePadding.Pkcs1,
            'P' => RSASignaturePadding.Pss,
            _ => null,
        };
    }

    /// <summary>The key as Microsoft.IdentityModel reads it (for <see cref="IssuerMetadata.SigningKeys"/>).</summary>
    public SecurityKey Key { get; }

    public string? KeyId { get; }

    /// <summary>The imported public key (the benchmarks' cost floor verifies with this very object).</summary>
    public AsymmetricAlgorithm PublicKey => _publicKey;

    /// <summary>The one algorithm this key verifies.</summary>
    public string Algorithm { get; }

    /// <summary>Whether <paramref name="signature"/> is this key's signature of <paramref name="signingInput"/> with <see cref="Algorithm"/>.</summary>
    /// <remarks>The digest is computed here (<see cref="SigningInputDigest"/>), then checked: what <c>VerifyData</c> does, with a reused digest context.</remarks>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        Span<byte> digest = stackalloc byte[SigningInputDigest.MaxLength];
        digest = digest[..SigningInputDigest.Compute(_hash, signingInput, digest)];
        return _publicKey switch
        {
            RSA rsa => rsa.VerifyHash(digest, signature, _hash, _padding!),
            ECDsa ec => ec.VerifyHash(digest, signature),
            _ => false,
        };
    }
}
