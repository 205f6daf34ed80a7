using System.Security.Cryptography;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// The SHA-2 digest of a signing input, from one <see cref="IncrementalHash"/> per algorithm and thread, reset after each use:
/// the same digest <c>VerifyData</c> computes, without creating and releasing a native digest context per token (issue 15).
/// </summary>
internal static class SigningInputDigest
{
    /// <summary>The longest digest (SHA-512).</summary>
    public const int MaxLength = 64;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    [ThreadStatic]
    private static IncrementalHash? t_sha384;

    [ThreadStatic]
    private static IncrementalHash? t_sha512;

    /// <summary>Writes the digest of <paramref name="data"/> to <paramref name="destination"/>; the bytes written.</summary>
    public static int Compute(HashAlgorithmName algorithm, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = algorithm == HashAlgorithmName.SHA256 ? t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
            : algorithm == HashAlgorithmName.SHA384 ? t_sha384 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA384)
            : t_sha512 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        hash.AppendData(data);
        return hash.GetHashAndReset(destination);
    }
}
