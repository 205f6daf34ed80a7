using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tests.Discovery;

public sealed class DiscoveryUrlsTests
{
    [TestCase("http://localhost:8088/realms/kestra", "/.well-known/openid-configuration", "http://localhost:8088/realms/kestra/.well-known/openid-configuration")]
    [TestCase("http://localhost:8088/realms/kestra/", "/.well-known/openid-configuration", "http://localhost:8088/realms/kestra/.well-known/openid-configuration")]
    [TestCase("http://localhost:8088/realms/kestra", ".well-known/openid-configuration", "http://localhost:8088/realms/kestra/.well-known/openid-configuration")]
    [TestCase("https://sso.example.com", "/.well-known/openid-configuration", "https://sso.example.com/.well-known/openid-configuration")]
    [TestCase("https://sso.example.com/", "//.well-known//openid-configuration", "https://sso.example.com/.well-known/openid-configuration")]
    [TestCase("https://sso.example.com/tenant//v2.0", "/custom/discovery", "https://sso.example.com/tenant/v2.0/custom/discovery")]
    [TestCase("https://sso.example.com:8443/auth/realms/kestra", "/", "https://sso.example.com:8443/auth/realms/kestra")]
    public void The_discovery_url_is_joined_as_Micronaut_does_with_duplicate_slashes_collapsed(string issuer, string path, string expected) =>
        DiscoveryUrls.DiscoveryUrl(new Uri(issuer), path).ToString().Should().Be(expected);

    [TestCase("http://localhost:8088/realms/kestra/.well-known/openid-configuration", "http://localhost:8088/realms/kestra")]
    [TestCase("http://localhost:8088/realms/kestra/.well-known/openid-configuration/", "http://localhost:8088/realms/kestra")]
    [TestCase("http://localhost:8088/realms/kestra", "http://localhost:8088/realms/kestra")]
    public void An_issuer_ending_in_the_discovery_path_is_stripped(string configured, string effective) =>
        DiscoveryUrls.EffectiveIssuer(configured).Should().Be(effective);

    [TestCase("http://localhost:8088/realms/kestra", "http://localhost:8088/auth/realms/kestra")]
    [TestCase("http://localhost:8088/auth/realms/kestra", "http://localhost:8088/realms/kestra")]
    [TestCase("https://example.com/sso/realms/kestra/", "https://example.com/sso/auth/realms/kestra")]
    public void A_Keycloak_issuer_has_an_alternative_with_or_without_auth(string issuer, string alternative) =>
        DiscoveryUrls.KeycloakAlternative(new Uri(issuer)).Should().Be(alternative);

    [Test]
    public void A_non_Keycloak_issuer_has_no_alternative() =>
        DiscoveryUrls.KeycloakAlternative(new Uri("https://login.example.com/tenant/v2.0")).Should().BeNull();

    [TestCase("http://localhost:8088/realms/kestra")]
    [TestCase("http://127.0.0.1:8088/realms/kestra")]
    [TestCase("http://[::1]:8088/realms/kestra")]
    [TestCase("https://sso.example.com/realms/kestra")]
    public void Https_and_loopback_http_are_allowed(string url) =>
        FluentActions.Invoking(() => DiscoveryUrls.EnsureSecure(new Uri(url), "the issuer", allowInsecureHttp: false)).Should().NotThrow();

    [Test]
    public void Http_off_loopback_is_refused_with_the_opt_in_named()
    {
        var act = () => DiscoveryUrls.EnsureSecure(new Uri("http://keycloak:8080/realms/kestra"), "the issuer", allowInsecureHttp: false);

        act.Should().Throw<DiscoveryException>()
            .Which.Message.Should().Be("KSO5001: the issuer 'http://keycloak:8080/realms/kestra' uses http:// on a host that is not loopback; use https://, or, if the network is trusted (e.g. a container network), set 'kestra-security-oidc.discovery.allow-insecure-http: true'");
    }

    [Test]
    public void A_back_channel_base_replaces_the_issuer_origin_only_for_urls_on_that_origin()
    {
        var issuer = new Uri("https://sso.example.com/realms/kestra");
        var backChannel = new Uri("http://keycloak:8080");

        DiscoveryUrls.ToBackChannel(new Uri("https://sso.example.com/realms/kestra/protocol/openid-connect/certs"), issuer, backChannel)
            .ToString().Should().Be("http://keycloak:8080/realms/kestra/protocol/openid-connect/certs");
        DiscoveryUrls.ToBackChannel(new Uri("https://keys.example.net/certs"), issuer, backChannel)
            .ToString().Should().Be("https://keys.example.net/certs");
    }
}
