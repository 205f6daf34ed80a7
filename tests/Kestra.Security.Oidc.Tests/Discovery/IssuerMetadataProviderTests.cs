using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tests.Discovery;

public sealed class IssuerMetadataProviderTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    [Test]
    public async Task A_recorded_Keycloak_26_document_gives_the_issuer_endpoints_and_signing_keys()
    {
        var metadata = await _bed.GetAsync();

        metadata.ClientName.Should().Be("keycloak");
        metadata.Issuer.Should().Be(DiscoveryTestbed.Issuer);
        metadata.DiscoveryUrl.ToString().Should().Be(DiscoveryTestbed.DiscoveryUrl);
        metadata.AuthorizationEndpoint!.ToString().Should().Be("http://localhost:8088/realms/kestra/protocol/openid-connect/auth");
        metadata.TokenEndpoint!.ToString().Should().Be("http://localhost:8088/realms/kestra/protocol/openid-connect/token");
        metadata.UserInfoEndpoint!.ToString().Should().Be("http://localhost:8088/realms/kestra/protocol/openid-connect/userinfo");
        metadata.EndSessionEndpoint!.ToString().Should().Be("http://localhost:8088/realms/kestra/protocol/openid-connect/logout");
        metadata.JwksUri.ToString().Should().Be(DiscoveryTestbed.JwksUrl);
        metadata.Configuration.ScopesSupported.Should().Contain("roles");
        metadata.SigningKeys.Select(k => k.KeyId).Should().Equal("key-2025-06");
        metadata.FetchedAt.Should().Be(_bed.Time.GetUtcNow());
        metadata.Warnings.Should().BeEmpty();
    }

    [Test]
    public async Task Configured_endpoint_urls_override_the_discovered_ones()
    {
        var openId = _bed.Options.Clients["keycloak"].OpenId;
        openId.JwksUri = "http://localhost:8088/keys";
        openId.AuthorizationUrl = "https://login.example.com/authorize";
        openId.TokenUrl = "http://localhost:8088/token";
        openId.UserInfoUrl = "http://localhost:8088/userinfo";
        openId.EndSessionUrl = "https://login.example.com/logout";
        _bed.Http.Json("http://localhost:8088/keys", Tokens.TestKey.Jwks(Tokens.TestKey.Current));

        var metadata = await _bed.GetAsync();

        metadata.JwksUri.ToString().Should().Be("http://localhost:8088/keys");
        metadata.AuthorizationEndpoint!.ToString().Should().Be("https://login.example.com/authorize");
        metadata.TokenEndpoint!.ToString().Should().Be("http://localhost:8088/token");
        metadata.UserInfoEndpoint!.ToString().Should().Be("http://localhost:8088/userinfo");
        metadata.EndSessionEndpoint!.ToString().Should().Be("https://login.example.com/logout");
        _bed.Http.CountFor(DiscoveryTestbed.JwksUrl).Should().Be(0);
    }

    [Test]
    public async Task End_session_disabled_leaves_no_end_session_endpoint()
    {
        _bed.Options.Clients["keycloak"].OpenId.EndSessionEnabled = false;

        (await _bed.GetAsync()).EndSessionEndpoint.Should().BeNull();
    }

    [Test]
    public async Task A_custom_configuration_path_is_appended_to_the_issuer_path()
    {
        _bed.Options.Clients["keycloak"].OpenId.ConfigurationPath = "/custom//openid.json";
        _bed.Http.Json(DiscoveryTestbed.Issuer + "/custom/openid.json", DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));

        var metadata = await _bed.GetAsync();

        metadata.DiscoveryUrl.ToString().Should().Be("http://localhost:8088/realms/kestra/custom/openid.json");
    }

    [Test]
    public async Task An_issuer_configured_as_the_discovery_url_is_stripped_with_a_warning()
    {
        _bed.Options.Clients["keycloak"].OpenId.Issuer = DiscoveryTestbed.DiscoveryUrl;

        var metadata = await _bed.GetAsync();

        metadata.Issuer.Should().Be(DiscoveryTestbed.Issuer);
        metadata.Warnings.Should().Equal("KSO5052: the issuer 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' ends with '/.well-known/openid-configuration'; using 'http://localhost:8088/realms/kestra' as the issuer (Micronaut would not strip it)");
    }

    [Test]
    public async Task An_issuer_differing_only_by_a_trailing_slash_is_accepted_with_a_warning()
    {
        _bed.Options.Clients["keycloak"].OpenId.Issuer = DiscoveryTestbed.Issuer + "/";

        var metadata = await _bed.GetAsync();

        metadata.Issuer.Should().Be(DiscoveryTestbed.Issuer, "tokens carry the document's issuer");
        metadata.Warnings.Should().ContainSingle().Which.Should().StartWith("KSO5051: the discovery document says issuer 'http://localhost:8088/realms/kestra' but the configuration says 'http://localhost:8088/realms/kestra/' (a trailing slash only)");
    }

    [Test]
    public async Task A_wrong_issuer_is_refused_showing_both_values_and_the_Keycloak_hostname_fix()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json")
            .Replace("\"issuer\": \"http://localhost:8088/realms/kestra\"", "\"issuer\": \"http://keycloak:8080/realms/kestra\"", StringComparison.Ordinal));

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.IssuerMismatch);
        ex.Which.Message.Should().Be(
            "KSO5003: issuer mismatch: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' says 'http://keycloak:8080/realms/kestra' but the configuration says 'http://localhost:8088/realms/kestra'; " +
            "set 'micronaut.security.oauth2.clients.keycloak.openid.issuer' to 'http://keycloak:8080/realms/kestra' if that is the URL users reach, " +
            "or fix Keycloak's hostname (KC_HOSTNAME, or the realm's Frontend URL) so that it issues 'http://localhost:8088/realms/kestra'; " +
            "if this host reaches Keycloak at an internal address, keep the public issuer and set 'kestra-security-oidc.discovery.back-channel-base-urls.keycloak'");
    }

    [Test]
    public async Task A_back_channel_base_url_sends_requests_to_the_internal_address_and_keeps_the_issuer_check()
    {
        const string publicIssuer = "https://sso.example.com/realms/kestra";
        _bed.Options.Clients["keycloak"].OpenId.Issuer = publicIssuer;
        _bed.Options.Extensions.Discovery.BackChannelBaseUrls["keycloak"] = "http://keycloak:8080";
        _bed.Options.Extensions.Discovery.AllowInsecureHttp = true;
        _bed.Http.Json("http://keycloak:8080/realms/kestra/.well-known/openid-configuration",
            DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json").Replace("http://localhost:8088", "https://sso.example.com", StringComparison.Ordinal));
        _bed.Http.Json("http://keycloak:8080/realms/kestra/protocol/openid-connect/certs", Tokens.TestKey.Jwks(Tokens.TestKey.Current));

        var metadata = await _bed.GetAsync();

        metadata.Issuer.Should().Be(publicIssuer);
        metadata.AuthorizationEndpoint!.ToString().Should().Be("https://sso.example.com/realms/kestra/protocol/openid-connect/auth", "the browser uses the public address");
        metadata.TokenEndpoint!.ToString().Should().Be("http://keycloak:8080/realms/kestra/protocol/openid-connect/token");
        metadata.JwksUri.ToString().Should().Be("http://keycloak:8080/realms/kestra/protocol/openid-connect/certs");
        _bed.Http.Requests.Select(u => u.Host).Should().OnlyContain(h => h == "keycloak");
    }

    [Test]
    public async Task A_back_channel_on_http_off_loopback_needs_the_explicit_opt_in_and_makes_no_request()
    {
        _bed.Options.Extensions.Discovery.BackChannelBaseUrls["keycloak"] = "http://keycloak:8080";

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.InsecureHttp);
        ex.Which.IsConfigurationProblem.Should().BeTrue();
        _bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task An_http_issuer_off_loopback_is_refused_before_any_request()
    {
        _bed.Options.Clients["keycloak"].OpenId.Issuer = "http://sso.example.com/realms/kestra";

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Message.Should().StartWith("KSO5001: the issuer 'http://sso.example.com/realms/kestra' uses http:// on a host that is not loopback");
        _bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task An_unknown_client_names_the_known_ones()
    {
        var ex = await FluentActions.Awaiting(() => _bed.Provider.GetAsync("okta").AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Message.Should().Be("KSO5012: there is no enabled client 'okta' under 'micronaut.security.oauth2.clients' (known: keycloak)");
    }

    [Test]
    public async Task A_jwks_keeps_only_signature_keys_of_allowed_algorithms()
    {
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, DiscoveryTestbed.RecordedDocument("jwks-enc-sig-oct.json"));

        var metadata = await _bed.GetAsync();

        metadata.SigningKeys.Select(k => k.KeyId).Should().Equal("recorded-sig-key");
    }

    [Test]
    public async Task A_jwks_with_only_an_encryption_key_is_refused()
    {
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, Tokens.TestKey.JwksOf(Tokens.TestKey.Current.ToJwk(use: "enc", alg: "RSA-OAEP")));

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.NoSigningKeys);
        ex.Which.Message.Should().StartWith("KSO5011: the JWKS at 'http://localhost:8088/realms/kestra/protocol/openid-connect/certs' has no key usable to verify ID tokens (1 key(s) refused: 'key-2025-06': 'use: enc' (not a signing key))");
    }
}
