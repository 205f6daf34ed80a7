using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>Mints compact JWTs for tests, including the malformed and malicious ones the validator must refuse.</summary>
internal sealed class TestTokenBuilder
{
    private readonly Dictionary<string, object?> _header = new() { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = TestKey.Current.KeyId };
    private readonly Dictionary<string, object?> _payload;
    private Func<byte[], byte[]> _sign;
    private bool _tamper;

    private TestTokenBuilder(DateTimeOffset now)
    {
        _payload = new Dictionary<string, object?>
        {
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["auth_time"] = now.ToUnixTimeSeconds(),
            ["jti"] = "4f1c2a9e-0b7d-4c55-9d1e-2f6b8a3c7e10",
            ["iss"] = DiscoveryTestbed.Issuer,
            ["aud"] = "kestra",
            ["sub"] = "f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90",
            ["typ"] = "ID",
            ["azp"] = "kestra",
            ["sid"] = "0e5c9a3b-7d21-4f6e-8b4a-1c2d3e4f5a6b",
            ["at_hash"] = "x4bR6eTqvq1Y2n3m4o5p6Q",
            ["acr"] = "1",
            ["email_verified"] = true,
            ["name"] = "Alice Example",
            ["preferred_username"] = "alice",
            ["given_name"] = "Alice",
            ["family_name"] = "Example",
            ["email"] = "alice@example.com",
            ["resource_access"] = new Dictionary<string, object> { ["kestra"] = new { roles = new[] { "Admin", "Developer" } } },
        };
        _sign = SignRs256(TestKey.Current);
    }

    /// <summary>A valid Keycloak-shaped ID token for client <c>kestra</c> of the testbed's issuer, issued at <paramref name="now"/>.</summary>
    public static TestTokenBuilder IdToken(DateTimeOffset now) => new(now);

    public TestTokenBuilder With(string claim, object? value)
    {
        _payload[claim] = value;
        return this;
    }

    public TestTokenBuilder Without(string claim)
    {
        _payload.Remove(claim);
        return this;
    }

    public TestTokenBuilder Header(string name, object? value)
    {
        _header[name] = value;
        return this;
    }

    public TestTokenBuilder WithoutHeader(string name)
    {
        _header.Remove(name);
        return this;
    }

    public TestTokenBuilder SignedWith(TestKey key, bool setKid = true)
    {
        _sign = SignRs256(key);
        if (setKid)
        {
            _header["kid"] = key.KeyId;
        }

        return this;
    }

    public TestTokenBuilder SignedPs256(TestKey key)
    {
        _header["alg"] = "PS256";
        _header["kid"] = key.KeyId;
        _sign = input => key.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        return this;
    }

    /// <summary>Signs with an EC key as <paramref name="algorithm"/> (ES256/384/512), whatever the key's curve.</summary>
    public TestTokenBuilder SignedEs(ECDsa key, string kid, string algorithm)
    {
        _header["alg"] = algorithm;
        _header["kid"] = kid;
        var hash = algorithm switch { "ES384" => HashAlgorithmName.SHA384, "ES512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        _sign = input => key.SignData(input, hash);
        return this;
    }

    public TestTokenBuilder Unsigned()
    {
        _header["alg"] = "none";
        _sign = _ => [];
        return this;
    }

    public TestTokenBuilder SignedHs256(byte[] secret)
    {
        _header["alg"] = "HS256";
        _sign = input => HMACSHA256.HashData(secret, input);
        return this;
    }

    public TestTokenBuilder WithTamperedSignature()
    {
        _tamper = true;
        return this;
    }

    public string Build() => Build(JsonSerializer.Serialize(_payload));

    /// <summary>The payload as JSON text, to edit before <see cref="Build(string)"/>.</summary>
    public string PayloadJson() => JsonSerializer.Serialize(_payload);

    /// <summary>Builds with a raw payload text (for duplicate claims or non-object payloads).</summary>
    public string Build(string rawPayload) => Build(JsonSerializer.Serialize(_header), rawPayload);

    /// <summary>Builds with a raw header and payload text, signed as configured.</summary>
    public string Build(string rawHeader, string rawPayload)
    {
        var signingInput = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rawHeader))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rawPayload))}";
        var signature = _sign(Encoding.ASCII.GetBytes(signingInput));
        if (_tamper && signature.Length > 0)
        {
            signature[^1] ^= 0x01;
        }

        return $"{signingInput}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private static Func<byte[], byte[]> SignRs256(TestKey key) =>
        input => key.Rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
