using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;
using Kestra.Security.Oidc.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kestra.Security.Oidc.Tests.DependencyInjection;

public sealed class AddKestraOidcTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"kestra-oidc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

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

    private string WriteYaml(string content)
    {
        var path = Path.Combine(_directory, "application.yml");
        File.WriteAllText(path, content);
        return path;
    }

    private static ServiceProvider Build(
        Action<IServiceCollection> register, FakeTimeProvider? time = null, FakeHttpHandler? http = null, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        register(services);
        if (http is not null)
        {
            services.AddHttpClient(IssuerMetadataProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => http);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Test]
    public async Task A_host_validates_and_resolves_an_ID_token_in_one_call()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var http = new FakeHttpHandler();
        http.Json(DiscoveryTestbed.DiscoveryUrl, DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));
        http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Current));
        var path = WriteYaml(Yaml);
        await using var provider = Build(s => s.AddKestraOidc(path), time, http);
        provider.GetRequiredService<IStartupValidator>().Validate();

        var token = TestTokenBuilder.IdToken(time.GetUtcNow()).With("nonce", "n-1").Build();
        var result = await provider.GetRequiredService<IKestraOidcAuthenticator>()
            .AuthenticateAsync(token, context: new KestraAuthenticationContext { Nonce = "n-1" });

        result.Succeeded.Should().BeTrue(result.Validation.Message);
        result.Resolution!.Source.Should().Be(GroupSource.Groups);
        result.Resolution.Groups.Should().Equal("Admin", "Developer");
        result.Resolution.Permissions["FLOW"].Should().Equal("EXECUTE", "LIST", "VIEW");
    }

    [Test]
    public async Task A_rejected_token_names_the_check_and_resolves_nothing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var http = new FakeHttpHandler();
        http.Json(DiscoveryTestbed.DiscoveryUrl, DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));
        http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Current));
        await using var provider = Build(s => s.AddKestraOidc(WriteYaml(Yaml)), time, http);

        var token = TestTokenBuilder.IdToken(time.GetUtcNow()).With("aud", "someone-else").Build();
        var result = await provider.GetRequiredService<IKestraOidcAuthenticator>().AuthenticateAsync(token, "keycloak");

        result.Succeeded.Should().BeFalse();
        result.Validation.Failure.Should().Be(IdTokenCheck.Audience);
        result.Resolution.Should().BeNull();
    }

    [Test]
    public void An_invalid_YAML_file_fails_at_start_with_every_error()
    {
        var path = WriteYaml(TestFiles.Read("config", "guide-1-template.yml"));
        using var provider = Build(s => s.AddKestraOidc(path));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<KestraConfigurationException>().Which.Errors.Should().HaveCount(3);
    }

    [Test]
    public void Options_in_code_are_validated_on_start_with_their_keys()
    {
        using var provider = Build(s => s.AddKestraOidc(o => o.Clients["keycloak"] = new OidcClientOptions { OpenId = { Issuer = "not a url" } }));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "Property micronaut.security.oauth2.clients.keycloak.client-id: KSO1008: the client has no 'client-id'; copy the Client ID from Keycloak (Clients → your client → Settings)",
            "Property micronaut.security.oauth2.clients.keycloak.openid.issuer: KSO1010: the issuer 'not a url' is not an absolute http(s) URL without query or fragment; use the realm's URL, e.g. http://localhost:8088/realms/kestra");
    }

    [Test]
    public void IConfiguration_binds_the_same_options_as_the_YAML_file()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(TestFiles.PathOf("config", "guide-combined.json")).Build();
        using var fromJson = Build(s => s.AddKestraOidc(configuration));
        using var fromYaml = Build(s => s.AddKestraOidc(TestFiles.PathOf("config", "guide-combined.yml"), reloadOnChange: false));

        fromJson.GetRequiredService<IOptions<KestraOidcOptions>>().Value
            .Should().BeEquivalentTo(fromYaml.GetRequiredService<IOptions<KestraOidcOptions>>().Value);
        fromJson.GetRequiredService<KestraRoleResolver>().GroupsClaimPath!.Text.Should().Be("resource_access.kestra.roles");
    }

    [Test]
    public async Task Editing_the_YAML_file_reloads_the_options_and_a_bad_edit_keeps_the_last_good_ones()
    {
        var path = WriteYaml(Yaml);
        using var logs = new RecordingLoggerProvider();
        await using var provider = Build(s => s.AddKestraOidc(path), logs: logs);
        var monitor = provider.GetRequiredService<IOptionsMonitor<KestraOidcOptions>>();
        monitor.CurrentValue.GroupsClaimPath.Should().Be("resource_access.kestra.roles");

        var changed = new TaskCompletionSource<KestraOidcOptions>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = monitor.OnChange(options => changed.TrySetResult(options));
        await File.WriteAllTextAsync(path, Yaml.Replace("resource_access.kestra.roles", "groups", StringComparison.Ordinal));
        (await changed.Task.WaitAsync(TimeSpan.FromSeconds(30))).GroupsClaimPath.Should().Be("groups");
        monitor.CurrentValue.GroupsClaimPath.Should().Be("groups");
        provider.GetRequiredService<KestraRoleResolver>().GroupsClaimPath!.Text.Should().Be("groups");

        // A bad edit: an unfilled template (error) and an unknown key (warning). The signal is the reload's own
        // "rejected" log entry, so the assertions below run after the reload, never after a guessed delay.
        logs.Clear();
        var rejected = logs.WaitFor(1002);
        var badYaml = Yaml
            .Replace("client-id: kestra", "client-id: \"{{clientId}}\"", StringComparison.Ordinal)
            .Replace("client-secret: kestra-secret", "client-secret: kestra-secret\n          clientt-idd: x", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, badYaml);
        await rejected.WaitAsync(TimeSpan.FromSeconds(30));

        monitor.CurrentValue.GroupsClaimPath.Should().Be("groups", "the bad edit is rejected");
        monitor.CurrentValue.Clients["keycloak"].ClientId.Should().Be("kestra");
        var expected = KestraYamlConfiguration.LoadFile(path).Diagnostics.ToList();
        expected.Select(d => d.Severity).Should().Contain([DiagnosticSeverity.Error, DiagnosticSeverity.Warning]);
        var entries = logs.Entries;
        foreach (var diagnostic in expected)
        {
            var (eventId, level) = diagnostic.Severity == DiagnosticSeverity.Error ? (1000, LogLevel.Error) : (1001, LogLevel.Warning);
            entries.Should().Contain(e => e.Id.Id == eventId && e.Level == level && e.Message.Contains(diagnostic.ToString(), StringComparison.Ordinal),
                "README promises that a bad edit logs every diagnostic ({0})", diagnostic);
        }

        entries.Should().Contain(e => e.Id.Id == 1002 && e.Message.Contains($"has {expected.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s)", StringComparison.Ordinal));
        entries.Should().NotContain(e => e.Message.Contains("kestra-secret", StringComparison.Ordinal), "secrets are never logged");
    }

    [Test]
    public async Task Host_bindings_registered_in_DI_are_used_by_the_resolver()
    {
        await using var provider = Build(s =>
        {
            s.AddSingleton<IGroupRoleBindingSource>(new HostBindings());
            s.AddKestraOidc(WriteYaml(Yaml));
        });

        var resolution = provider.GetRequiredService<KestraRoleResolver>().Resolve(
            """{"sub":"u","resource_access":{"kestra":{"roles":["Ops"]}}}"""u8);

        resolution.Roles.Should().ContainSingle().Which.Name.Should().Be("Operator");
    }

    private sealed class HostBindings : IGroupRoleBindingSource
    {
        public IEnumerable<GroupRoleBinding> GetBindings(IReadOnlyList<string> groups) =>
            [new GroupRoleBinding("Ops", new KestraRole("Operator", new Dictionary<string, IList<string>> { ["EXECUTION"] = ["KILL"] }))];
    }
}
