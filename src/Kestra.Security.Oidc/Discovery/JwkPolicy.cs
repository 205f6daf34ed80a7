using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kestra.Security.Oidc.Tokens.Jws;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// Which JWKs may verify tokens, and with which one algorithm (SPEC §5.1): <c>use: sig</c> (or none), <c>key_ops</c> allowing
/// <c>verify</c>, RSA of at least 2048 bits or EC on P-256/P-384/P-521; the JWK's own <c>alg</c> binds it, an EC key is bound to
/// its curve's algorithm; an <c>x5c</c> certificate must hold the same public key as the JWK's parameters.
/// </summary>
internal static class JwkPolicy
{
    public const int MinimumRsaBits = 2048;

    public static bool TryBind(JsonWebKey jwk, IReadOnlyList<string> allowed, out string algorithm, out string reason)
    {
        algorithm = string.Empty;
        reason = Check(jwk, allowed, ref algorithm);
        return reason.Length == 0;
    }

    private static string Check(JsonWebKey jwk, IReadOnlyList<string> allowed, ref string algorithm)
    {
        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig)
        {
            return $"'use: {jwk.Use}' (not a signing key)";
        }

        if (jwk.KeyOps.Count > 0 && !jwk.KeyOps.Contains("verify"))
        {
            return $"'key_ops' [{string.Join(", ", jwk.KeyOps)}] does not allow 'verify'";
        }

        var why = jwk.Kty switch
        {
            JsonWebAlgorithmsKeyTypes.RSA => CheckRsa(jwk, allowed, ref algorithm),
            JsonWebAlgorithmsKeyTypes.EllipticCurve => CheckEc(jwk, allowed, ref algorithm),
            _ => $"key type '{jwk.Kty}' is not supported (RSA or EC)",
        };
        return why.Length > 0 ? why : CheckCertificate(jwk);
    }

    private static string CheckRsa(JsonWebKey jwk, IReadOnlyList<string> allowed, ref string algorithm)
    {
        if (!TryDecode(jwk.N, out var modulus) || !TryDecode(jwk.E, out var exponent) || exponent.Length == 0)
        {
            return "the RSA key has no valid 'n' and 'e'";
        }

        var bits = BitLength(modulus);
        if (bits < MinimumRsaBits)
        {
            return $"the RSA key has {bits} bits, fewer than {MinimumRsaBits} (RFC 7518 §3.3)";
        }

        if (!string.IsNullOrEmpty(jwk.Alg))
        {
            if (!AlgorithmPolicy.IsRsa(jwk.Alg))
            {
                return $"'alg: {jwk.Alg}' is not an RSA signature algorithm";
            }

            return Allowed(jwk.Alg, allowed, ref algorithm);
        }

        // No 'alg': the key serves the one RSA algorithm of the allow-list (the first, if several).
        foreach (var candidate in allowed)
        {
            if (AlgorithmPolicy.IsRsa(candidate))
            {
                algorithm = candidate;
                return string.Empty;
            }
        }

        return "no RSA algorithm is allowed ('kestra-security-oidc.validation.algorithms')";
    }

    private static string CheckEc(JsonWebKey jwk, IReadOnlyList<string> allowed, ref string algorithm)
    {
        var curveAlgorithm = AlgorithmPolicy.ForCurve(jwk.Crv);
        if (curveAlgorithm is null)
        {
            return $"the EC curve '{jwk.Crv}' is not supported (P-256, P-384, P-521)";
        }

        if (!string.IsNullOrEmpty(jwk.Alg) && jwk.Alg != curveAlgorithm)
        {
            return $"'alg: {jwk.Alg}' does not fit the curve {jwk.Crv} (only {curveAlgorithm})";
        }

        return Allowed(curveAlgorithm, allowed, ref algorithm);
    }

    private static string Allowed(string candidate, IReadOnlyList<string> allowed, ref string algorithm)
    {
        if (!allowed.Contains(candidate))
        {
            return $"'{candidate}' is not an allowed algorithm ('kestra-security-oidc.validation.algorithms')";
        }

        algorithm = candidate;
        return string.Empty;
    }

    /// <summary>The JWK's public key, imported once for verification; <see langword="null"/> when its parameters are unusable.</summary>
    public static AsymmetricAlgorithm? ImportPublicKey(JsonWebKey jwk)
    {
        try
        {
            if (jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA && TryDecode(jwk.N, out var n) && TryDecode(jwk.E, out var e))
            {
                return RSA.Create(new RSAParameters { Modulus = n, Exponent = e });
            }

            if (jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve && TryDecode(jwk.X, out var x) && TryDecode(jwk.Y, out var y))
            {
                var curve = jwk.Crv switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    _ => ECCurve.NamedCurves.nistP521,
                };
                return ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
            }
        }
        catch (CryptographicException)
        {
        }

        return null;
    }

    private static string CheckCertificate(JsonWebKey jwk)
    {
        if (jwk.X5c.Count == 0)
        {
            return string.Empty;
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(jwk.X5c[0]));
            var same = jwk.Kty == JsonWebAlgorithmsKeyTypes.RSA ? SameRsaKey(jwk, certificate) : SameEcKey(jwk, certificate);
            return same ? string.Empty : "the key in its 'x5c' certificate differs from its own parameters";
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return "its 'x5c' certificate cannot be read";
        }
    }

    private static bool SameRsaKey(JsonWebKey jwk, X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null || !TryDecode(jwk.N, out var n) || !TryDecode(jwk.E, out var e))
        {
            return false;
        }

        var parameters = rsa.ExportParameters(false);
        return parameters.Modulus.AsSpan().SequenceEqual(TrimZeros(n)) && TrimZeros(parameters.Exponent).SequenceEqual(TrimZeros(e));
    }

    private static bool SameEcKey(JsonWebKey jwk, X509Certificate2 certificate)
    {
        using var ec = certificate.GetECDsaPublicKey();
        if (ec is null || !TryDecode(jwk.X, out var x) || !TryDecode(jwk.Y, out var y))
        {
            return false;
        }

        var parameters = ec.ExportParameters(false);
        return parameters.Q.X.AsSpan().SequenceEqual(x) && parameters.Q.Y.AsSpan().SequenceEqual(y);
    }

    private static bool TryDecode(string? value, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(value) || !Base64Url.IsValid(value))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(value);
        return true;
    }

    private static ReadOnlySpan<byte> TrimZeros(ReadOnlySpan<byte> value) => value.TrimStart((byte)0);

    private static int BitLength(ReadOnlySpan<byte> value)
    {
        value = TrimZeros(value);
        return value.IsEmpty ? 0 : ((value.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value[0]));
    }
}
