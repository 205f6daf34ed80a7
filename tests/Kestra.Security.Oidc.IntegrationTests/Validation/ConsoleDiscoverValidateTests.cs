using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary><c>kestra-oidc discover</c> and <c>validate</c> against the live provider, with the exit codes of SPEC §6.</summary>
[Category("Integration")]
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ConsoleDiscoverValidateTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    private static OidcProviderServer Server => SharedOidcProvider.Server;

    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("kestra-oidc-console-").FullName;
        File.WriteAllText(ConfigPath, $"""
            micronaut:
              security:
                oauth2:
                  clients:
                    kestra:
                      client-id: {Server.ClientId}
                      client-secret: ${"{"}KESTRA_TEST_SECRET:{Server.ClientSecret}{"}"}
                      openid:
                        issuer: "{Server.Issuer.OriginalString}"
            kestra:
              url: {OidcProviderServerOptions.DefaultKestraUrl}
              security:
                default-role:
                  name: Editor
                  permissions:
                    FLOW: [CREATE, READ, UPDATE, DELETE]
                    EXECUTION: [CREATE, READ, UPDATE, DELETE]
                oidc:
                  groups-claim-path: resource_access.kestra.roles
            """);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string ConfigPath => Path.Combine(_directory, "application.yml");

    private async Task<string> TokenFileAsync(TokenSet tokens)
    {
        var path = Path.Combine(_directory, "id-token.jwt");
        await File.WriteAllTextAsync(path, tokens.IdToken + "\n");
        return path;
    }

    [Test]
    public async Task Discover_with_an_issuer_the_provider_does_not_claim_exits_3_with_KSO5003()
    {
        // The provider is reached (through the back channel) but its document names another issuer than the configured one:
        // the public host is swapped between 127.0.0.1 and localhost, the requests still go to the provider's real address.
        var real = Server.Issuer.OriginalString;
        var configured = Server.Issuer.Host == "localhost" ? real.Replace("//localhost:", "//127.0.0.1:", StringComparison.Ordinal)
            : real.Replace($"//{Server.Issuer.Host}:", "//localhost:", StringComparison.Ordinal);
        configured.Should().NotBe(real);
        var yaml = File.ReadAllText(ConfigPath).Replace($"issuer: \"{real}\"", $"issuer: \"{configured}\"", StringComparison.Ordinal)
            + $"""

            kestra-security-oidc:
              discovery:
                back-channel-base-urls:
                  kestra: "{Server.BaseAddress.OriginalString.TrimEnd('/')}"
            """;
        File.WriteAllText(ConfigPath, yaml);

        var run = await SampleConsole.RunAsync("discover", "--config", ConfigPath);

        run.ExitCode.Should().Be(3, run.Stderr);
        run.Stderr.Should().Contain($"KSO5003").And.Contain(real).And.Contain(configured);
    }

    [Test]
    public async Task Discover_prints_the_issuer_endpoints_and_kestra_uris_as_json()
    {
        var run = await SampleConsole.RunAsync("discover", "--config", ConfigPath, "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("issuer").GetString().Should().Be(Server.Issuer.OriginalString);
        json.RootElement.GetProperty("redirectUri").GetString().Should().Be(Server.RedirectUri.AbsoluteUri);
        json.RootElement.GetProperty("postLogoutRedirectUri").GetString().Should().Be(Server.PostLogoutRedirectUri.AbsoluteUri);
        json.RootElement.GetProperty("endSessionUrl").GetString().Should().Contain("post_logout_redirect_uri=").And.Contain("client_id=kestra");
        run.Stdout.Should().NotContain(Server.ClientSecret);
    }

    [Test]
    public async Task Validate_accepts_a_real_id_token_and_prints_its_summary()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", await TokenFileAsync(tokens), "--nonce", tokens.Nonce, "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("valid").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("issuer").GetString().Should().Be(Server.Issuer.OriginalString);
        json.RootElement.GetProperty("subject").GetString().Should().NotBeNullOrEmpty();
        json.RootElement.GetProperty("source").GetString().Should().Be("groups");
        json.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal("Admins", "Developers");
        run.Stdout.Should().NotContain(tokens.IdToken);
    }

    [Test]
    public async Task Validate_resolves_a_user_without_kestra_roles_to_the_default_role()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("bob", "bob");

        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", await TokenFileAsync(tokens), "--nonce", tokens.Nonce, "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("valid").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("source").GetString().Should().Be("default-role");
        json.RootElement.GetProperty("permissions").GetProperty("FLOW").EnumerateArray().Select(a => a.GetString())
            .Should().Equal("CREATE", "DELETE", "READ", "UPDATE");
        json.RootElement.GetProperty("trace")[0].GetProperty("grantedBy").GetString().Should().Be("default role");
    }

    [Test]
    public async Task Validate_rejects_a_real_id_token_with_another_nonce_with_exit_3()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", await TokenFileAsync(tokens), "--nonce", "another");

        run.ExitCode.Should().Be(3);
        run.Stderr.Should().Contain("rejected by the Nonce check: KSO5114");
    }

    [Test]
    public async Task Validate_checks_permissions_and_says_what_granted_them()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("bob", "bob");

        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", await TokenFileAsync(tokens), "--nonce", tokens.Nonce,
            "--check", "FLOW:EXECUTE@prod.team", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var check = json.RootElement.GetProperty("checks").EnumerateArray().Should().ContainSingle().Subject;
        check.GetProperty("allowed").GetBoolean().Should().BeTrue();
        check.GetProperty("namespace").GetString().Should().Be("prod.team");
        check.GetProperty("grantedBy")[0].GetProperty("grantedBy").GetString().Should().Be("default role");
        check.GetProperty("grantedBy")[0].GetProperty("action").GetString().Should().Be("UPDATE", "the 1.x Editor role's UPDATE expands to EXECUTE");
    }

    [Test]
    public async Task Validate_exits_5_when_a_check_is_denied()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", await TokenFileAsync(tokens), "--nonce", tokens.Nonce,
            "--check", "FLOW:VIEW");

        run.ExitCode.Should().Be(5, run.Stderr);
        run.Stderr.Should().Contain("kestra-oidc: denied: FLOW:VIEW denied");
        run.Stdout.Should().Contain("FLOW:VIEW").And.Contain("denied");
    }

    [Test]
    public async Task Validate_with_require_groups_refuses_a_user_without_groups_with_exit_3()
    {
        File.AppendAllText(ConfigPath, "\nkestra-security-oidc:\n  require-groups: true\n");
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("bob", "bob");

        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", await TokenFileAsync(tokens), "--nonce", tokens.Nonce, "--format", "json");

        run.ExitCode.Should().Be(3, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("valid").GetBoolean().Should().BeTrue("the token is fine; the user is refused");
        json.RootElement.GetProperty("refusal").GetProperty("code").GetString().Should().Be("KSO4010");
        run.Stderr.Should().Contain("kestra-oidc: the user is refused: KSO4010");
    }

    [Test]
    public async Task Discover_of_an_unreachable_provider_exits_4()
    {
        File.WriteAllText(ConfigPath, File.ReadAllText(ConfigPath).Replace($":{Server.Issuer.Port}/", ":1/", StringComparison.Ordinal));

        var run = await SampleConsole.RunAsync("discover", "--config", ConfigPath);

        run.ExitCode.Should().Be(4);
        run.Stderr.Should().Contain("KSO5002");
    }
}
