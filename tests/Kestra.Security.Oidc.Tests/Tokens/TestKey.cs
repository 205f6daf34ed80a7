using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>An RSA key pair with a key id, for minting test tokens and publishing its public half in a JWKS.</summary>
internal sealed class TestKey(string keyId, int bits = 2048)
{
    public static TestKey Current { get; } = new("key-2025-06");

    public static TestKey Rotated { get; } = new("key-2025-07");

    public static TestKey Attacker { get; } = new("attacker-key");

    public string KeyId { get; } = keyId;

    public RSA Rsa { get; } = RSA.Create(bits);

    public Dictionary<string, object?> ToJwk(string use = "sig", string? alg = "RS256", string? kid = null)
    {
        var parameters = Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object?>
        {
            ["kid"] = kid ?? KeyId,
            ["kty"] = "RSA",
            ["use"] = use,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        if (alg is not null)
        {
            jwk["alg"] = alg;
        }

        return jwk;
    }

    public static string Jwks(params TestKey[] keys) => JwksOf([.. keys.Select(k => k.ToJwk())]);

    public static string JwksOf(params Dictionary<string, object?>[] jwks) => JsonSerializer.Serialize(new { keys = jwks });
}
