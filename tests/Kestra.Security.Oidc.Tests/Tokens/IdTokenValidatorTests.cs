using System.Text;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>The relying-party checks of the OpenID conformance suite, one minted token each.</summary>
public sealed class IdTokenValidatorTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private async Task<IdTokenValidationResult> RejectedAsync(string token, IdTokenCheck check, string? nonce = null)
    {
        var result = await _bed.ValidateAsync(token, nonce);
        result.IsValid.Should().BeFalse();
        result.Failure.Should().Be(check, result.Message);
        result.Message.Should().StartWith(result.Code + ": ").And.NotContain(token);
        result.Subject.Should().BeNull();
        return result;
    }

    [Test]
    public async Task A_Keycloak_id_token_is_valid_and_carries_its_payload()
    {
        var result = await _bed.ValidateAsync(_bed.Token().Build());

        result.IsValid.Should().BeTrue(result.Message);
        result.Failure.Should().BeNull();
        result.Code.Should().BeNull();
        result.ClientName.Should().Be("keycloak");
        result.Subject.Should().Be("f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90");
        result.Issuer.Should().Be(DiscoveryTestbed.Issuer);
        result.Audiences.Should().Equal("kestra");
        result.ExpiresAt.Should().Be(_bed.Time.GetUtcNow().AddMinutes(5));
        result.Payload.GetProperty("resource_access").GetProperty("kestra").GetProperty("roles")[0].GetString().Should().Be("Admin");
        Encoding.UTF8.GetString(result.PayloadUtf8.Span).Should().Contain("\"preferred_username\":\"alice\"");
    }

    [Test]
    public async Task The_audiences_are_read_when_asked_in_token_order_and_a_rejection_has_none()
    {
        var result = await _bed.ValidateAsync(_bed.Token().With("aud", new[] { "kestra", "account", "caf\u00e9" }).Build());
        var rejected = await _bed.ValidateAsync(_bed.Token().With("aud", new[] { "kestra", "account" }).WithTamperedSignature().Build());

        result.IsValid.Should().BeTrue(result.Message);
        result.Audiences.Should().Equal("kestra", "account", "café");
        result.Audiences.Should().BeSameAs(result.Audiences, "decoded once, then kept");
        rejected.Audiences.Should().BeEmpty();
    }

    [Test]
    public async Task Validations_keep_the_metadata_fresh_on_the_validators_clock()
    {
        // One clock read serves the time checks and the cache's freshness (issue 15): the refresh must still come on time.
        var token = _bed.Token().With("exp", _bed.Time.GetUtcNow().AddHours(3).ToUnixTimeSeconds()).Build();
        (await _bed.ValidateAsync(token)).IsValid.Should().BeTrue();
        var fetches = _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl);

        // The refresh comes after 90-100 % of the interval (jitter).
        var interval = _bed.Options.Extensions.Discovery.RefreshInterval;
        _bed.Time.Advance((interval * 0.9) - TimeSpan.FromSeconds(1));
        (await _bed.ValidateAsync(token)).IsValid.Should().BeTrue();
        await _bed.SettleAsync();
        _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(fetches, "the metadata is still fresh");

        _bed.Time.Advance((interval * 0.1) + TimeSpan.FromSeconds(2));
        (await _bed.ValidateAsync(token)).IsValid.Should().BeTrue("the cached metadata serves while it is refreshed");
        await _bed.SettleAsync();
        _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(fetches + 1, "past the refresh interval, a validation starts a refresh");
    }

    [Test]
    public async Task A_bad_signature_is_rejected() =>
        await RejectedAsync(_bed.Token().WithTamperedSignature().Build(), IdTokenCheck.Signature);

    [Test]
    public async Task A_token_signed_by_another_key_with_a_known_kid_is_rejected() =>
        await RejectedAsync(_bed.Token().SignedWith(TestKey.Attacker, setKid: false).Build(), IdTokenCheck.Signature);

    [Test]
    public async Task An_unsigned_token_is_rejected()
    {
        var result = await RejectedAsync(_bed.Token().Unsigned().Build(), IdTokenCheck.Algorithm);

        result.Message.Should().Be("KSO5103: the token is unsigned ('alg: none'); allowed: RS256 ('kestra-security-oidc.validation.algorithms')");
    }

    [Test]
    public async Task A_token_signed_with_HS256_and_the_public_key_as_secret_is_rejected_even_if_HS256_is_configured()
    {
        _bed.Options.Extensions.Validation.Algorithms = ["RS256", "HS256"];
        var secret = Encoding.ASCII.GetBytes(TestKey.Current.Rsa.ExportSubjectPublicKeyInfoPem());

        var result = await RejectedAsync(_bed.Token().SignedHs256(secret).Build(), IdTokenCheck.Algorithm);

        result.Message.Should().StartWith("KSO5103: the token is signed with the symmetric 'HS256', never accepted");
    }

    [Test]
    public async Task An_algorithm_outside_the_allow_list_is_rejected() =>
        await RejectedAsync(_bed.Token().Header("alg", "RS512").Build(), IdTokenCheck.Algorithm);

    [Test]
    public async Task An_issuer_mismatch_is_rejected()
    {
        var result = await RejectedAsync(_bed.Token().With("iss", "http://localhost:8088/realms/other").Build(), IdTokenCheck.Issuer);

        result.Message.Should().Be("KSO5107: the token's issuer is \"http://localhost:8088/realms/other\", not 'http://localhost:8088/realms/kestra'; the token comes from another provider or realm, or Keycloak's hostname (KC_HOSTNAME) differs from the issuer users reach");
    }

    [Test]
    public async Task An_issuer_with_a_trailing_slash_is_not_the_issuer() =>
        await RejectedAsync(_bed.Token().With("iss", DiscoveryTestbed.Issuer + "/").Build(), IdTokenCheck.Issuer);

    [Test]
    public async Task An_audience_mismatch_is_rejected()
    {
        var result = await RejectedAsync(_bed.Token().With("aud", "grafana").With("azp", "grafana").Build(), IdTokenCheck.Audience);

        result.Message.Should().Be("KSO5108: the token's audience [grafana] does not contain the client id 'kestra'; the token was issued to another client (check 'client-id')");
    }

    [Test]
    public async Task A_missing_audience_is_rejected() =>
        await RejectedAsync(_bed.Token().Without("aud").Build(), IdTokenCheck.Audience);

    [Test]
    public async Task Several_audiences_without_azp_are_rejected() =>
        await RejectedAsync(_bed.Token().With("aud", new[] { "kestra", "grafana" }).Without("azp").Build(), IdTokenCheck.AuthorizedParty);

    [Test]
    public async Task Several_audiences_with_azp_of_the_client_are_valid() =>
        (await _bed.ValidateAsync(_bed.Token().With("aud", new[] { "kestra", "grafana" }).Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task One_audience_without_azp_is_valid() =>
        (await _bed.ValidateAsync(_bed.Token().Without("azp").Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task An_azp_of_another_client_is_rejected()
    {
        var result = await RejectedAsync(_bed.Token().With("azp", "grafana").Build(), IdTokenCheck.AuthorizedParty);

        result.Message.Should().Be("KSO5109: the token's authorized party 'azp' is \"grafana\", not the client id 'kestra'");
    }

    [Test]
    public async Task An_expired_token_is_rejected_beyond_the_clock_skew()
    {
        var token = _bed.Token().Build();
        _bed.Time.Advance(TimeSpan.FromMinutes(6) - TimeSpan.FromSeconds(1));
        (await _bed.ValidateAsync(token)).IsValid.Should().BeTrue("within the 60 s skew");

        _bed.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await RejectedAsync(token, IdTokenCheck.Expired);

        result.Message.Should().Be("KSO5110: the token expired at 2025-06-01T12:05:00.0000000+00:00 (clock skew 60 s); sign in again, or check this host's clock");
    }

    [Test]
    public async Task A_token_not_yet_valid_is_rejected_beyond_the_clock_skew()
    {
        var now = _bed.Time.GetUtcNow();
        (await _bed.ValidateAsync(_bed.Token().With("nbf", now.AddSeconds(60).ToUnixTimeSeconds()).Build())).IsValid.Should().BeTrue();

        await RejectedAsync(_bed.Token().With("nbf", now.AddSeconds(61).ToUnixTimeSeconds()).Build(), IdTokenCheck.NotYetValid);
    }

    [Test]
    public async Task A_configured_clock_skew_applies()
    {
        _bed.Options.Extensions.Validation.ClockSkew = TimeSpan.Zero;
        var token = _bed.Token().Build();
        _bed.Time.Advance(TimeSpan.FromMinutes(5));

        await RejectedAsync(token, IdTokenCheck.Expired);
    }

    [Test]
    public async Task A_missing_subject_is_rejected() =>
        await RejectedAsync(_bed.Token().Without("sub").Build(), IdTokenCheck.MissingSubject);

    [Test]
    public async Task An_empty_subject_is_rejected() =>
        await RejectedAsync(_bed.Token().With("sub", "").Build(), IdTokenCheck.MissingSubject);

    [Test]
    public async Task A_missing_expiry_is_rejected() =>
        await RejectedAsync(_bed.Token().Without("exp").Build(), IdTokenCheck.MissingExpiry);

    [Test]
    public async Task A_textual_expiry_is_rejected() =>
        await RejectedAsync(_bed.Token().With("exp", "1748779500").Build(), IdTokenCheck.MissingExpiry);

    [Test]
    public async Task A_nonce_mismatch_is_rejected_when_the_caller_supplies_one()
    {
        var token = _bed.Token().With("nonce", "n-0S6_WzA2Mj").Build();

        (await _bed.ValidateAsync(token, nonce: "n-0S6_WzA2Mj")).IsValid.Should().BeTrue();
        (await _bed.ValidateAsync(token)).IsValid.Should().BeTrue("no nonce was supplied");
        var result = await RejectedAsync(token, IdTokenCheck.Nonce, nonce: "other");
        result.Message.Should().NotContain("n-0S6_WzA2Mj");
        await RejectedAsync(_bed.Token().Build(), IdTokenCheck.Nonce, nonce: "n-0S6_WzA2Mj");
    }

    [Test]
    public async Task A_Keycloak_access_token_with_typ_Bearer_is_rejected()
    {
        var accessToken = _bed.Token().With("typ", "Bearer").With("aud", "account").With("scope", "openid profile email").Build();

        var result = await RejectedAsync(accessToken, IdTokenCheck.TokenType);

        result.Message.Should().StartWith("KSO5115: the token's 'typ' claim is \"Bearer\", not \"ID\": this is not an ID token");
    }

    [Test]
    public async Task A_Keycloak_refresh_token_is_rejected() =>
        await RejectedAsync(_bed.Token().With("typ", "Refresh").Build(), IdTokenCheck.TokenType);

    [Test]
    public async Task An_at_jwt_access_token_is_rejected() =>
        await RejectedAsync(_bed.Token().Without("typ").Header("typ", "at+jwt").Build(), IdTokenCheck.TokenType);

    [Test]
    public async Task An_unknown_crit_header_is_rejected() =>
        await RejectedAsync(_bed.Token().Header("crit", new[] { "exp-v2" }).Header("exp-v2", 1).Build(), IdTokenCheck.CriticalHeader);

    [Test]
    public async Task A_jku_header_is_ignored_and_never_fetched()
    {
        const string jku = "https://attacker.example.com/jwks.json";
        _bed.Http.Json(jku, TestKey.Jwks(TestKey.Attacker));

        await RejectedAsync(_bed.Token().SignedWith(TestKey.Attacker).Header("jku", jku).Build(), IdTokenCheck.UnknownKey);

        _bed.Http.CountFor(jku).Should().Be(0);
    }

    [Test]
    public async Task An_embedded_jwk_header_is_ignored()
    {
        var token = _bed.Token().SignedWith(TestKey.Attacker, setKid: false).WithoutHeader("kid").Header("jwk", TestKey.Attacker.ToJwk()).Build();

        await RejectedAsync(token, IdTokenCheck.Signature);
    }

    [Test]
    public async Task A_token_without_kid_is_verified_against_every_provider_key() =>
        (await _bed.ValidateAsync(_bed.Token().WithoutHeader("kid").Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task An_oversized_token_is_rejected_unread()
    {
        var result = await RejectedAsync(_bed.Token().With("padding", new string('x', 20_000)).Build(), IdTokenCheck.Size);

        result.Message.Should().StartWith("KSO5101: the token is ");
        _bed.Http.Requests.Should().BeEmpty();
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d.e")]
    [TestCase("e30.e30.")]
    [TestCase("!!!.???.sig")]
    public async Task A_malformed_token_is_rejected(string token) =>
        await RejectedAsync(token, token.StartsWith("e30", StringComparison.Ordinal) ? IdTokenCheck.Algorithm : IdTokenCheck.Format);

    [Test]
    public async Task A_duplicate_header_parameter_is_rejected()
    {
        var token = _bed.Token().Build();
        var header = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"alg\":\"RS256\",\"kid\":\"{TestKey.Current.KeyId}\",\"alg\":\"none\"}}"));

        await RejectedAsync(header + token[token.IndexOf('.', StringComparison.Ordinal)..], IdTokenCheck.Format);
    }

    [Test]
    public async Task Duplicate_claims_are_rejected()
    {
        var raw = $"{{\"iss\":\"{DiscoveryTestbed.Issuer}\",\"sub\":\"a\",\"sub\":\"b\",\"aud\":\"kestra\",\"exp\":{_bed.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()}}}";

        await RejectedAsync(_bed.Token().Build(raw), IdTokenCheck.Format);
    }

    [Test]
    public async Task A_provider_failure_is_an_exception_not_a_rejection()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{}", System.Net.HttpStatusCode.ServiceUnavailable);

        await FluentActions.Awaiting(() => _bed.ValidateAsync(_bed.Token().Build()).AsTask())
            .Should().ThrowAsync<DiscoveryException>().WithMessage("KSO5005*");
    }
}
