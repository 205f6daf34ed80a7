using System.Net;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>SPEC §5.1: what needs no key is checked before any request; a failed key refetch is a rejection.</summary>
public sealed class NoTrafficBeforeKeysTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private string Mint(string kind)
    {
        var builder = _bed.Token();
        return kind switch
        {
            "expired" => builder.With("exp", 1_700_000_000).Build(),
            "foreign issuer" => builder.With("iss", "https://evil.example.com/realms/kestra").Build(),
            "another realm" => builder.With("iss", "http://localhost:8088/realms/other").Build(),
            "foreign audience" => builder.With("aud", "grafana").Build(),
            "no iat" => builder.Without("iat").Build(),
            "padded" => builder.Build() + "==",
            "unsigned" => builder.Unsigned().Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [TestCase("expired", IdTokenCheck.Expired)]
    [TestCase("foreign issuer", IdTokenCheck.Issuer)]
    [TestCase("another realm", IdTokenCheck.Issuer)]
    [TestCase("foreign audience", IdTokenCheck.Audience)]
    [TestCase("no iat", IdTokenCheck.IssuedAt)]
    [TestCase("padded", IdTokenCheck.Format)]
    [TestCase("unsigned", IdTokenCheck.Algorithm)]
    public async Task With_a_cold_cache_a_junk_token_causes_no_request(string kind, IdTokenCheck check)
    {
        var result = await _bed.ValidateAsync(Mint(kind));

        result.Failure.Should().Be(check, result.Message);
        _bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task A_token_with_the_configured_issuer_is_checked_against_the_discovered_one()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json")
            .Replace("\"issuer\": \"http://localhost:8088/realms/kestra\"", "\"issuer\": \"http://localhost:8088/realms/kestra/\"", StringComparison.Ordinal));

        var result = await _bed.ValidateAsync(_bed.Token().Build());

        result.Failure.Should().Be(IdTokenCheck.Issuer);
        result.Message.Should().Be("KSO5107: the token's issuer is \"http://localhost:8088/realms/kestra\", not 'http://localhost:8088/realms/kestra/' (the issuer of the discovery document)");
        (await _bed.ValidateAsync(_bed.Token().With("iss", DiscoveryTestbed.Issuer + "/").Build())).IsValid.Should().BeTrue();
    }

    [Test]
    public async Task A_failed_refetch_for_an_unknown_kid_rejects_while_good_keys_are_cached()
    {
        (await _bed.ValidateAsync(_bed.Token().Build())).IsValid.Should().BeTrue();
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, "{}", HttpStatusCode.ServiceUnavailable);

        var result = await _bed.ValidateAsync(_bed.Token().SignedWith(TestKey.Rotated).Build());

        result.Failure.Should().Be(IdTokenCheck.UnknownKey);
        result.Message.Should().Be("KSO5106: the token's key id 'key-2025-07' is not in the provider's JWKS at 'http://localhost:8088/realms/kestra/protocol/openid-connect/certs' and refetching the JWKS failed (KSO5005); the token was signed by another realm or provider");
        _bed.Http.CountFor(DiscoveryTestbed.JwksUrl).Should().Be(2);
        (await _bed.ValidateAsync(_bed.Token().Build())).IsValid.Should().BeTrue("the cached keys still serve");
    }
}
