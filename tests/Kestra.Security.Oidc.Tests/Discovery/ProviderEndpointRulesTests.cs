using System.Text.Json.Nodes;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tests.Discovery;

/// <summary>SPEC §5.1: the discovery document's endpoints are https (http on loopback), or discovery fails with back-off.</summary>
public sealed class ProviderEndpointRulesTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private void Serve(string member, string value)
    {
        var document = JsonNode.Parse(DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"))!.AsObject();
        document[member] = value;
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, document.ToJsonString());
    }

    [TestCase("jwks_uri", "file:///etc/passwd")]
    [TestCase("jwks_uri", "/realms/kestra/protocol/openid-connect/certs")]
    [TestCase("jwks_uri", "ftp://localhost/certs")]
    [TestCase("authorization_endpoint", "javascript:alert(document.cookie)")]
    [TestCase("end_session_endpoint", "javascript:alert(document.cookie)")]
    [TestCase("end_session_endpoint", "data:text/html,<script>alert(1)</script>")]
    [TestCase("token_endpoint", "file:///tmp/token")]
    [TestCase("userinfo_endpoint", "gopher://localhost/")]
    public async Task An_endpoint_with_another_scheme_is_a_discovery_error(string member, string value)
    {
        Serve(member, value);

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.UnsafeEndpoint);
        ex.Which.IsConfigurationProblem.Should().BeFalse("the provider's document is wrong, not the configuration");
        ex.Which.Message.Should().Be($"KSO5014: the discovery document at '{DiscoveryTestbed.DiscoveryUrl}' gives '{member}' as '{value}', not an https:// URL; it is never used: fix the provider's configuration, or check that the document is the provider's");
        _bed.Http.CountFor(DiscoveryTestbed.JwksUrl).Should().Be(0);
    }

    [Test]
    public async Task An_http_jwks_uri_off_loopback_is_a_discovery_error_naming_the_opt_in()
    {
        Serve("jwks_uri", "http://keycloak.example.com/realms/kestra/protocol/openid-connect/certs");

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.UnsafeEndpoint);
        ex.Which.Message.Should().EndWith("http:// on a host that is not loopback; use https:// at the provider, or, if the network is trusted, set 'kestra-security-oidc.discovery.allow-insecure-http: true'");
        _bed.Http.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task An_unsafe_endpoint_is_retried_only_after_the_back_off()
    {
        Serve("end_session_endpoint", "javascript:alert(1)");
        await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>().WithMessage("KSO5014*");
        _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(1, "the second call falls within the back-off");

        _bed.Time.Advance(_bed.Options.Extensions.Discovery.OutageRetryInterval);
        await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>().WithMessage("KSO5014*");
        _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(2);
    }

    [Test]
    public async Task Https_endpoints_are_accepted()
    {
        Serve("end_session_endpoint", "https://sso.example.com/realms/kestra/protocol/openid-connect/logout");

        (await _bed.GetAsync()).EndSessionEndpoint!.ToString().Should().Be("https://sso.example.com/realms/kestra/protocol/openid-connect/logout");
    }

    [Test]
    public async Task An_issuer_differing_by_several_trailing_slashes_is_a_mismatch()
    {
        Serve("issuer", DiscoveryTestbed.Issuer + "//");

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.IssuerMismatch);
    }

    [Test]
    public async Task A_configured_issuer_with_two_trailing_slashes_is_a_mismatch()
    {
        _bed.Options.Clients["keycloak"].OpenId.Issuer = DiscoveryTestbed.Issuer + "//";
        _bed.Http.Json(DiscoveryTestbed.Issuer + "/.well-known/openid-configuration", DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.IssuerMismatch);
    }
}
