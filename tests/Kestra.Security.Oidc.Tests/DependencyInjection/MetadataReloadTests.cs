using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.DependencyInjection;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kestra.Security.Oidc.Tests.DependencyInjection;

/// <summary>A configuration reload keeps a client's discovery and JWKS cache unless its discovery settings changed (issue 13).</summary>
public sealed class MetadataReloadTests
{
    private const string OtherIssuer = "http://localhost:8088/realms/other";

    private const string Yaml = """
        micronaut:
          security:
            oauth2:
              clients:
                keycloak:
                  client-id: kestra
                  client-secret: kestra-secret
                  openid:
                    issuer: http://localhost:8088/realms/kestra
        kestra:
          url: http://localhost:8080
          security:
            default-role:
              name: Editor
              permissions:
                FLOW: [CREATE, READ, UPDATE, DELETE]
            oidc:
              groups-claim-path: resource_access.kestra.roles
        kestra-security-oidc:
          roles:
            Admin: { permissions: { FLOW: [VIEW, LIST, EXECUTE] } }
          group-bindings:
            - group: Admin
              roles: [Admin]
        """;

    private string _directory = null!;
    private string _path = null!;
    private FakeTimeProvider _time = null!;
    private FakeHttpHandler _http = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"kestra-oidc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, "application.yml");
        File.WriteAllText(_path, Yaml);
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        _http = new FakeHttpHandler();
        var document = DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json");
        _http.Json(DiscoveryTestbed.DiscoveryUrl, document);
        _http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Current));
        _http.Json(OtherIssuer + "/.well-known/openid-configuration", document.Replace(DiscoveryTestbed.Issuer, OtherIssuer, StringComparison.Ordinal));
        _http.Json(OtherIssuer + "/protocol/openid-connect/certs", TestKey.Jwks(TestKey.Current));
    }

    [TearDown]
    public void TearDown()
    {
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddKestraOidc(_path);
        services.AddHttpClient(IssuerMetadataProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _http);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private async Task<KestraAuthenticationResult> AuthenticateAsync(ServiceProvider provider, string issuer)
    {
        var token = TestTokenBuilder.IdToken(_time.GetUtcNow()).With("iss", issuer).With("nonce", "n-1").Build();
        return await provider.GetRequiredService<IKestraOidcAuthenticator>()
            .AuthenticateAsync(token, context: new KestraAuthenticationContext { Nonce = "n-1" });
    }

    /// <summary>Rewrites the YAML file and returns once the runtime has been rebuilt from it (the options monitor's change signal).</summary>
    private static async Task ReloadAsync(ServiceProvider provider, string path, string yaml)
    {
        var monitor = provider.GetRequiredService<IOptionsMonitor<KestraOidcOptions>>();
        var changed = new TaskCompletionSource<KestraOidcOptions>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(options => changed.TrySetResult(options));
        await File.WriteAllTextAsync(path, yaml);
        var options = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The runtime subscribed first (it was resolved before), so it has been rebuilt when the test's listener runs.
        provider.GetRequiredService<KestraOidcRuntime>().Current.Options.Should().BeSameAs(options);
    }

    [Test]
    public async Task A_reload_that_keeps_the_discovery_settings_keeps_the_cached_metadata_and_keys()
    {
        await using var provider = Build();
        var first = await AuthenticateAsync(provider, DiscoveryTestbed.Issuer);
        first.Succeeded.Should().BeTrue(first.Message);
        var before = provider.GetRequiredService<IssuerMetadataProvider>();
        _http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(1);
        _http.CountFor(DiscoveryTestbed.JwksUrl).Should().Be(1);

        await ReloadAsync(provider, _path, Yaml.Replace("name: Editor", "name: Writer", StringComparison.Ordinal));
        provider.GetRequiredService<KestraOidcRuntime>().Current.Options.DefaultRole!.Name.Should().Be("Writer");
        provider.GetRequiredService<IssuerMetadataProvider>().Should().NotBeSameAs(before, "the reload rebuilt the services");

        var second = await AuthenticateAsync(provider, DiscoveryTestbed.Issuer);
        second.Succeeded.Should().BeTrue(second.Message);
        _http.Requests.Should().HaveCount(2, "neither the discovery document nor the JWKS is fetched again after the reload");
    }

    [Test]
    public async Task A_reload_that_changes_the_issuer_fetches_the_new_issuers_metadata()
    {
        await using var provider = Build();
        var first = await AuthenticateAsync(provider, DiscoveryTestbed.Issuer);
        first.Succeeded.Should().BeTrue(first.Message);

        await ReloadAsync(provider, _path, Yaml.Replace(DiscoveryTestbed.Issuer, OtherIssuer, StringComparison.Ordinal));

        var second = await AuthenticateAsync(provider, OtherIssuer);
        second.Succeeded.Should().BeTrue(second.Message);
        _http.CountFor(OtherIssuer + "/.well-known/openid-configuration").Should().Be(1);
        _http.CountFor(OtherIssuer + "/protocol/openid-connect/certs").Should().Be(1);

        var stale = await AuthenticateAsync(provider, DiscoveryTestbed.Issuer);
        stale.Succeeded.Should().BeFalse("a token of the old issuer is no longer accepted");
    }
}
