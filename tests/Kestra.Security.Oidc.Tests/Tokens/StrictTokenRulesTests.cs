using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>The stricter token rules of SPEC §5.1: compact form, <c>kid</c>, <c>iat</c>, duplicates at any depth, key ↔ algorithm.</summary>
public sealed class StrictTokenRulesTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private async Task<IdTokenValidationResult> RejectedAsync(string token, IdTokenCheck check)
    {
        var result = await _bed.ValidateAsync(token);
        result.Failure.Should().Be(check, result.Message);
        result.Message.Should().StartWith(result.Code + ": ").And.NotContain(token);
        return result;
    }

    private static string Part(string token, int index) => token.Split('.')[index];

    [Test]
    public async Task Padding_on_the_signature_is_a_format_rejection()
    {
        var token = _bed.Token().Build();
        (Part(token, 2).Length % 4).Should().Be(2, "a 256-byte signature takes two '=' when padded");

        var result = await RejectedAsync(token + "==", IdTokenCheck.Format);
        result.Message.Should().Contain("the token's signature is not unpadded base64url");
    }

    [TestCase(0, "header")]
    [TestCase(1, "payload")]
    public async Task Padding_on_the_header_or_payload_is_a_format_rejection(int part, string name)
    {
        var parts = TokenWithPartNotAMultipleOfFour(part).Split('.');
        parts[part] += new string('=', 4 - (parts[part].Length % 4));

        var result = await RejectedAsync(string.Join('.', parts), IdTokenCheck.Format);
        result.Message.Should().Contain($"the token's {name} is not unpadded base64url");
    }

    [TestCase(" ")]
    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("\t")]
    public async Task Whitespace_inside_the_signature_is_a_format_rejection(string whitespace)
    {
        var token = _bed.Token().Build();

        var result = await RejectedAsync(token.Insert(token.LastIndexOf('.') + 20, whitespace), IdTokenCheck.Format);
        result.Message.Should().Contain("the token's signature is not unpadded base64url");
    }

    [TestCase(0, "header", " ")]
    [TestCase(1, "payload", " ")]
    [TestCase(0, "header", "\n")]
    [TestCase(1, "payload", "\n")]
    [TestCase(1, "payload", "\r\n  ")]
    public async Task Whitespace_inside_the_header_or_payload_is_a_format_rejection(int part, string name, string whitespace)
    {
        var parts = _bed.Token().Build().Split('.');
        parts[part] = parts[part].Insert(parts[part].Length / 2, whitespace);

        var result = await RejectedAsync(string.Join('.', parts), IdTokenCheck.Format);
        result.Message.Should().Contain($"the token's {name} is not unpadded base64url");
    }

    [TestCase(0, "header")]
    [TestCase(1, "payload")]
    [TestCase(2, "signature")]
    public async Task A_part_whose_unused_trailing_bits_are_not_zero_is_a_format_rejection(int part, string name)
    {
        // A part of n bytes with n % 3 != 0 ends in a character that carries bits beyond the data; they must be zero (RFC 4648
        // §3.5), or two texts would stand for one token, its signature unchanged.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var parts = TokenWithPartNotAMultipleOfFour(part).Split('.');
        var last = Alphabet.IndexOf(parts[part][^1]);
        (last & 1).Should().Be(0, "the lowest bit of the last character is unused, so zero");
        parts[part] = parts[part][..^1] + Alphabet[last | 1];

        var result = await RejectedAsync(string.Join('.', parts), IdTokenCheck.Format);
        result.Message.Should().Contain($"the token's {name} is not unpadded base64url");
    }

    /// <summary>A valid token whose part <paramref name="part"/> is not a multiple of four characters long (so it could take padding, and its last character has unused bits).</summary>
    private string TokenWithPartNotAMultipleOfFour(int part)
    {
        var token = _bed.Token().Build();
        for (var extra = 1; Part(token, part).Length % 4 == 0; extra++)
        {
            token = _bed.Token().Header("x", new string('a', extra)).With("x", new string('a', extra)).Build();
        }

        return token;
    }

    [Test]
    public async Task A_malformed_signature_part_is_a_format_rejection() =>
        await RejectedAsync(_bed.Token().Build()[..(_bed.Token().Build().LastIndexOf('.') + 1)] + "not*base64url", IdTokenCheck.Format);

    [Test]
    public async Task A_numeric_kid_is_a_format_rejection()
    {
        var result = await RejectedAsync(_bed.Token().Header("kid", 123).Build(), IdTokenCheck.Format);

        result.Message.Should().Be("KSO5102: the token's 'kid' header is not a non-empty string");
    }

    [Test]
    public async Task Several_usable_keys_and_no_kid_are_refused()
    {
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Current, TestKey.Rotated));

        var result = await RejectedAsync(_bed.Token().WithoutHeader("kid").Build(), IdTokenCheck.UnknownKey);

        result.Message.Should().Be("KSO5106: the token has no 'kid' and the provider has 2 'RS256' keys: which one signed it is ambiguous (OpenID Connect Core §10.1)");
    }

    [Test]
    public async Task No_kid_with_one_key_for_the_algorithm_among_others_is_valid()
    {
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.JwksOf(TestKey.Current.ToJwk(), TestKey.Rotated.ToJwk(use: "enc"), TestEcKey.P256.ToJwk()));
        _bed.Options.Extensions.Validation.Algorithms = ["RS256", "ES256"];

        var result = await _bed.ValidateAsync(_bed.Token().WithoutHeader("kid").Build());

        result.IsValid.Should().BeTrue(result.Message);
    }

    [Test]
    public async Task A_missing_iat_is_rejected()
    {
        var result = await RejectedAsync(_bed.Token().Without("iat").Build(), IdTokenCheck.IssuedAt);

        result.Message.Should().Be("KSO5116: the token's 'iat' is missing, not a NumericDate (it is required)");
        result.Code.Should().Be("KSO5116");
    }

    [Test]
    public async Task A_textual_iat_is_rejected() =>
        await RejectedAsync(_bed.Token().With("iat", "1748779200").Build(), IdTokenCheck.IssuedAt);

    [Test]
    public async Task An_iat_in_the_future_beyond_the_clock_skew_is_rejected()
    {
        var now = _bed.Time.GetUtcNow();
        (await _bed.ValidateAsync(_bed.Token().With("iat", now.AddSeconds(60).ToUnixTimeSeconds()).Build())).IsValid.Should().BeTrue("within the 60 s skew");

        var result = await RejectedAsync(_bed.Token().With("iat", now.AddSeconds(61).ToUnixTimeSeconds()).Build(), IdTokenCheck.IssuedAt);

        result.Message.Should().Be("KSO5116: the token was issued at 2025-06-01T12:01:01.0000000+00:00, in the future (clock skew 60 s); check this host's clock and the provider's");
    }

    [Test]
    public async Task A_duplicate_member_deep_in_the_payload_is_refused()
    {
        var builder = _bed.Token();
        var raw = builder.PayloadJson().Replace("\"roles\":[\"Admin\",\"Developer\"]", "\"roles\":[\"Developer\"],\"roles\":[\"Admin\"]", StringComparison.Ordinal);
        raw.Should().Contain("\"roles\":[\"Admin\"]");

        var result = await RejectedAsync(builder.Build(raw), IdTokenCheck.Format);

        result.Message.Should().Be("KSO5102: the token's payload has a duplicate member inside a claim's value (refused at every depth)");
    }

    [Test]
    public async Task A_duplicate_member_in_an_object_inside_an_array_is_refused()
    {
        var builder = _bed.Token().With("groups", new object[] { new { name = "a" } });
        var raw = builder.PayloadJson().Replace("{\"name\":\"a\"}", "{\"name\":\"a\",\"n\\u0061me\":\"admins\"}", StringComparison.Ordinal);

        await RejectedAsync(builder.Build(raw), IdTokenCheck.Format);
    }

    [Test]
    public async Task The_same_name_in_sibling_objects_is_fine()
    {
        var result = await _bed.ValidateAsync(_bed.Token().With("groups", new object[] { new { name = "a" }, new { name = "b" } }).With("x", new { name = new { name = 1 } }).Build());

        result.IsValid.Should().BeTrue(result.Message);
    }

    [Test]
    public async Task A_duplicate_member_inside_a_header_parameter_is_refused()
    {
        var header = $"{{\"alg\":\"RS256\",\"kid\":\"{TestKey.Current.KeyId}\",\"jwk\":{{\"kty\":\"RSA\",\"kty\":\"EC\"}}}}";

        var result = await RejectedAsync(_bed.Token().Build(header, _bed.Token().PayloadJson()), IdTokenCheck.Format);

        result.Message.Should().Be("KSO5102: the token's header has a duplicate member inside a parameter's value");
    }

    [Test]
    public async Task A_key_with_alg_RS256_does_not_verify_a_PS256_token()
    {
        _bed.Options.Extensions.Validation.Algorithms = ["RS256", "PS256"];

        var result = await RejectedAsync(_bed.Token().SignedPs256(TestKey.Current).Build(), IdTokenCheck.Algorithm);

        result.Message.Should().Be("KSO5103: the token says 'PS256' but its key 'key-2025-06' is for 'RS256' only; a key is used with one algorithm");
    }

    [Test]
    public async Task A_key_with_alg_PS256_verifies_a_PS256_token()
    {
        _bed.Options.Extensions.Validation.Algorithms = ["RS256", "PS256"];
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.JwksOf(TestKey.Current.ToJwk(alg: "PS256")));

        var result = await _bed.ValidateAsync(_bed.Token().SignedPs256(TestKey.Current).Build());

        result.IsValid.Should().BeTrue(result.Message);
    }

    [Test]
    public async Task A_P256_key_verifies_ES256_only()
    {
        _bed.Options.Extensions.Validation.Algorithms = ["ES256", "ES384"];
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.JwksOf(TestEcKey.P256.ToJwk()));
        var key = TestEcKey.P256;

        (await _bed.ValidateAsync(_bed.Token().SignedEs(key.Ec, key.KeyId, "ES256").Build())).IsValid.Should().BeTrue();
        var result = await RejectedAsync(_bed.Token().SignedEs(key.Ec, key.KeyId, "ES384").Build(), IdTokenCheck.Algorithm);

        result.Message.Should().Be("KSO5103: the token says 'ES384' but its key 'ec-p256' is for 'ES256' only; a key is used with one algorithm");
    }

    [Test]
    public async Task An_EC_key_whose_alg_does_not_fit_its_curve_is_refused()
    {
        _bed.Options.Extensions.Validation.Algorithms = ["RS256", "ES256", "ES384"];
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.JwksOf(TestKey.Current.ToJwk(), TestEcKey.P256.ToJwk(alg: "ES384")));

        var metadata = await _bed.GetAsync();

        metadata.SigningKeys.Select(k => k.KeyId).Should().Equal("key-2025-06");
        metadata.RefusedKeys.Should().Equal(new Oidc.Discovery.SigningKeyRefusal("ec-p256", "'alg: ES384' does not fit the curve P-256 (only ES256)"));
        await RejectedAsync(_bed.Token().SignedEs(TestEcKey.P256.Ec, "ec-p256", "ES384").Build(), IdTokenCheck.UnknownKey);
    }

    [Test]
    public async Task An_RSA_key_under_2048_bits_is_never_used()
    {
        var weak = new TestKey("weak-1024", 1024);
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Current, weak));

        var metadata = await _bed.GetAsync();
        var result = await RejectedAsync(_bed.Token().SignedWith(weak).Build(), IdTokenCheck.UnknownKey);

        metadata.RefusedKeys.Should().Equal(new Oidc.Discovery.SigningKeyRefusal("weak-1024", "the RSA key has 1024 bits, fewer than 2048 (RFC 7518 §3.3)"));
        result.Message.Should().Contain("'weak-1024' is not in the provider's JWKS");
    }

    [Test]
    public async Task A_jwk_whose_x5c_certificate_holds_another_key_is_refused()
    {
        var jwk = TestKey.Current.ToJwk();
        jwk["x5c"] = new[] { Certificate(TestKey.Attacker.Rsa) };
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.JwksOf(jwk, TestKey.Rotated.ToJwk()));

        var metadata = await _bed.GetAsync();
        var result = await RejectedAsync(_bed.Token().Build(), IdTokenCheck.UnknownKey);

        metadata.RefusedKeys.Should().Equal(new Oidc.Discovery.SigningKeyRefusal("key-2025-06", "the key in its 'x5c' certificate differs from its own parameters"));
        result.Message.Should().Contain("'key-2025-06' is not in the provider's JWKS");
    }

    [Test]
    public async Task A_jwk_whose_x5c_certificate_holds_the_same_key_is_used()
    {
        var jwk = TestKey.Current.ToJwk();
        jwk["x5c"] = new[] { Certificate(TestKey.Current.Rsa) };
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.JwksOf(jwk));

        var result = await _bed.ValidateAsync(_bed.Token().Build());

        result.IsValid.Should().BeTrue(result.Message);
        (await _bed.GetAsync()).RefusedKeys.Should().BeEmpty();
    }

    [Test]
    public async Task The_result_text_holds_no_payload_nor_subject()
    {
        var valid = await _bed.ValidateAsync(_bed.Token().Build());
        var rejected = await _bed.ValidateAsync(_bed.Token().Without("sub").Build());

        valid.IsValid.Should().BeTrue();
        foreach (var text in new[] { valid.ToString(), rejected.ToString() })
        {
            text.Should().NotContainAny("alice", "Alice", "f3b1c6de", "resource_access", "preferred_username");
        }

        valid.ToString().Should().Be("IdTokenValidationResult { ClientName = keycloak, IsValid = True, Issuer = http://localhost:8088/realms/kestra, ExpiresAt = 2025-06-01T12:05:00.0000000+00:00 }");
        rejected.ToString().Should().Be("IdTokenValidationResult { ClientName = keycloak, IsValid = False, Message = KSO5112: the token has no 'sub' (a non-empty string identifying the user) }");
    }

    private static string Certificate(RSA key)
    {
        var request = new CertificateRequest("CN=realm-kestra", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return Convert.ToBase64String(certificate.RawData);
    }
}
