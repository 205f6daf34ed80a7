using System.Net;
using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>
/// Documented keys whose only proof was that they load (issue 11): each is read from YAML and changes what the library
/// does, with a value other than its default, so a key the library ignores fails its test.
/// </summary>
public sealed class DocumentedKeyBehaviourTests
{
    private static readonly KestraConfigurationLoadOptions NoEnvironment = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private static KestraOidcOptions Load(string yaml) => KestraYamlConfiguration.Parse($"""
        micronaut.security.oauth2.clients.keycloak:
          client-id: kestra
          openid.issuer: {DiscoveryTestbed.Issuer}
        {yaml}
        """, "application.yml", NoEnvironment).GetOptionsOrThrow();

    private static DiscoveryOptions Discovery(string key, object value) => Load($"kestra-security-oidc.discovery.{key}: {value}").Extensions.Discovery;

    private void ServeHttpIssuerOffLoopback(string allow)
    {
        _bed.Options.Clients[DiscoveryTestbed.Client].OpenId.Issuer = InternalIssuer;
        _bed.Options.Extensions.Discovery = Discovery("allow-insecure-http", allow);
        _bed.Http.Json(InternalIssuer + "/.well-known/openid-configuration",
            DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json").Replace("http://localhost:8088", "http://keycloak:8080", StringComparison.Ordinal));
        _bed.Http.Json(InternalIssuer + "/protocol/openid-connect/certs", TestKey.Jwks(TestKey.Current));
    }

    private const string InternalIssuer = "http://keycloak:8080/realms/kestra";

    [Test]
    public async Task Allow_insecure_http_true_lets_an_http_issuer_off_loopback_and_its_endpoints_be_fetched()
    {
        ServeHttpIssuerOffLoopback("true");

        var metadata = await _bed.GetAsync();

        metadata.Issuer.Should().Be(InternalIssuer);
        metadata.JwksUri.ToString().Should().Be(InternalIssuer + "/protocol/openid-connect/certs", "the document's http:// endpoints off loopback are allowed too");
        metadata.SigningKeys.Should().ContainSingle();
        _bed.Http.Requests.Select(u => u.Host).Should().Equal("keycloak", "keycloak");
    }

    [Test]
    public async Task Allow_insecure_http_false_refuses_the_same_issuer_before_any_request()
    {
        ServeHttpIssuerOffLoopback("false");

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.InsecureHttp);
        _bed.Http.Requests.Should().BeEmpty();
    }

    private int DocumentSize()
    {
        var size = Encoding.UTF8.GetByteCount(DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));
        size.Should().BeLessThan(new DiscoveryOptions().MaxResponseBytes, "the default would accept it");
        return size;
    }

    [Test]
    public async Task Max_response_bytes_refuses_a_document_one_byte_larger()
    {
        var size = DocumentSize();
        _bed.Options.Extensions.Discovery = Discovery("max-response-bytes", size - 1);

        var ex = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.TooLarge);
        ex.Which.Message.Should().StartWith($"KSO5008: the discovery document at '{DiscoveryTestbed.DiscoveryUrl}' is larger than {size - 1} bytes");
    }

    [Test]
    public async Task Max_response_bytes_accepts_a_document_of_exactly_that_size()
    {
        _bed.Options.Extensions.Discovery = Discovery("max-response-bytes", DocumentSize());

        (await _bed.GetAsync()).Issuer.Should().Be(DiscoveryTestbed.Issuer);
    }

    [Test]
    public async Task Jwks_refetch_cooldown_sets_when_an_unknown_kid_may_refetch_again()
    {
        _bed.Options.Extensions.Discovery = Discovery("jwks-refetch-cooldown", "30s");
        var unknown = _bed.Token().SignedWith(TestKey.Attacker).Build();
        int JwksFetches() => _bed.Http.CountFor(DiscoveryTestbed.JwksUrl);

        (await _bed.ValidateAsync(unknown)).Failure.Should().Be(IdTokenCheck.UnknownKey);
        JwksFetches().Should().Be(2, "the first fetch and one refetch");

        _bed.Time.Advance(TimeSpan.FromSeconds(29));
        (await _bed.ValidateAsync(unknown)).Message.Should().Contain("(refetched recently; not again before the cooldown)");
        JwksFetches().Should().Be(2);

        _bed.Time.Advance(TimeSpan.FromSeconds(1));
        (await _bed.ValidateAsync(unknown)).Message.Should().Contain("even after a refetch");
        JwksFetches().Should().Be(3, "30 s after the refetch (the default cooldown is 5 min)");
    }

    [Test]
    public async Task Outage_retry_interval_sets_when_a_failed_discovery_is_retried()
    {
        _bed.Options.Extensions.Discovery = Discovery("outage-retry-interval", "2m");
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{}", HttpStatusCode.InternalServerError);
        var fetch = () => _bed.GetAsync().AsTask();
        int Fetches() => _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl);

        await fetch.Should().ThrowAsync<DiscoveryException>();
        Fetches().Should().Be(1);

        _bed.Time.Advance(new DiscoveryOptions().OutageRetryInterval);
        await fetch.Should().ThrowAsync<DiscoveryException>();
        Fetches().Should().Be(1, "the default interval has passed, not the configured 2 min");

        _bed.Time.Advance(TimeSpan.FromMinutes(2) - new DiscoveryOptions().OutageRetryInterval);
        await fetch.Should().ThrowAsync<DiscoveryException>();
        Fetches().Should().Be(2);
    }

    private string TokenUnderTheDefaultCap()
    {
        var token = _bed.Token().Build();
        token.Length.Should().BeLessThan(new TokenValidationSettings().MaxTokenBytes, "the default would accept it");
        return token;
    }

    private static TokenValidationSettings MaxTokenBytes(int value) => Load($"kestra-security-oidc.validation.max-token-bytes: {value}").Extensions.Validation;

    [Test]
    public async Task Max_token_bytes_refuses_a_token_one_byte_longer_before_any_request()
    {
        var token = TokenUnderTheDefaultCap();
        _bed.Options.Extensions.Validation = MaxTokenBytes(token.Length - 1);

        var result = await _bed.ValidateAsync(token);

        result.Failure.Should().Be(IdTokenCheck.Size);
        result.Message.Should().Be($"KSO5101: the token is {token.Length} bytes, more than 'kestra-security-oidc.validation.max-token-bytes' ({token.Length - 1})");
        _bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task Max_token_bytes_accepts_a_token_of_exactly_that_length()
    {
        var token = TokenUnderTheDefaultCap();
        _bed.Options.Extensions.Validation = MaxTokenBytes(token.Length);

        var result = await _bed.ValidateAsync(token);

        result.IsValid.Should().BeTrue(result.Message);
    }

    [Test]
    public void The_default_roles_tenant_id_shows_on_the_role_it_grants()
    {
        var options = Load("""
            kestra.security:
              oidc.groups-claim-path: groups
              default-role:
                name: Editor
                tenant-id: main
                permissions: { FLOW: [READ] }
            kestra-security-oidc:
              default-role-mode: always
              roles:
                Viewer: { permissions: { FLOW: [VIEW] } }
              group-bindings:
                - group: viewers
                  roles: [Viewer]
            """);
        var resolver = new KestraRoleResolver(options);

        var withoutGroups = resolver.Resolve(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { sub = "bob" })));
        var withGroups = resolver.Resolve(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { sub = "alice", groups = new[] { "viewers" } })));

        withoutGroups.Roles.Should().Equal(new ResolvedRole("Editor", PermissionModel.Crud, "default role", null) { TenantId = "main" });
        withGroups.Roles.Select(r => (r.Name, r.TenantId)).Should().BeEquivalentTo([("Editor", (string?)"main"), ("Viewer", (string?)null)]);
    }
}
