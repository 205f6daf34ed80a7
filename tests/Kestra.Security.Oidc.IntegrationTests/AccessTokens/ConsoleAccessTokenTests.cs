using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.IntegrationTests.Validation;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.AccessTokens;

/// <summary><c>kestra-oidc validate --access-token</c> (alone or beside <c>--id-token</c>) against the live provider (SPEC §6, §7).</summary>
[Category("Integration")]
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ConsoleAccessTokenTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    private static OidcProviderServer Server => SharedOidcProvider.Server;

    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("kestra-oidc-access-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string Config(string claimSources, string secret = "") => Write("application.yml", $"""
        micronaut:
          security:
            oauth2:
              clients:
                kestra:
                  client-id: {Server.ClientId}
                  client-secret: "{(secret.Length == 0 ? Server.ClientSecret : secret)}"
                  openid:
                    issuer: "{Server.Issuer.OriginalString}"
        kestra:
          security:
            default-role:
              name: Viewer
              permissions:
                FLOW: [READ]
            oidc:
              groups-claim-path: resource_access.kestra.roles
        kestra-security-oidc:
          claim-sources: [{claimSources}]
          access-token:
            audiences: [kestra-api]
        """);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<TokenSet> LoginAsync(string? resource = null)
    {
        using var flow = new AuthorizationCodeFlow(Server.Issuer, Server.ClientId, Server.ClientSecret, Server.RedirectUri) { Resource = resource };
        return await flow.LoginAsync("alice", "alice");
    }

    private static JsonElement Json(SampleConsoleProcess.Run run) => JsonDocument.Parse(run.Stdout).RootElement;

    [Test]
    public async Task A_JWT_access_token_alone_is_validated_and_gives_its_groups()
    {
        var tokens = await LoginAsync("urn:kestra-api");

        var run = await SampleConsole.RunAsync("validate", "--config", Config("id-token"), "--access-token", Write("access.jwt", tokens.AccessToken), "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        var json = Json(run);
        json.GetProperty("token").GetString().Should().Be("access-token");
        json.GetProperty("valid").GetBoolean().Should().BeTrue();
        json.GetProperty("groupsFrom").GetString().Should().Be("access-token");
        json.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal("Admins", "Developers");
    }

    [Test]
    public async Task An_opaque_access_token_alone_goes_through_introspection()
    {
        var tokens = await LoginAsync();

        var run = await SampleConsole.RunAsync("validate", "--config", Config("introspection"), "--access-token", Write("access.txt", tokens.AccessToken), "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        Json(run).GetProperty("groupsFrom").GetString().Should().Be("introspection");
    }

    [Test]
    public async Task The_id_token_with_the_access_token_beside_it_reads_userinfo_first_when_listed_first()
    {
        var tokens = await LoginAsync();

        var run = await SampleConsole.RunAsync("validate", "--config", Config("userinfo, id-token"),
            "--id-token", Write("id.jwt", tokens.IdToken), "--access-token", Write("access.txt", tokens.AccessToken), "--nonce", tokens.Nonce, "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        var json = Json(run);
        json.GetProperty("token").GetString().Should().Be("id-token");
        json.GetProperty("groupsFrom").GetString().Should().Be("userinfo");
        json.GetProperty("claimSources")[0].GetProperty("source").GetString().Should().Be("userinfo");
    }

    [Test]
    public async Task A_wrong_client_secret_at_introspection_exits_4_without_printing_it()
    {
        var tokens = await LoginAsync();

        var run = await SampleConsole.RunAsync("validate", "--config", Config("introspection", secret: "not-the-secret"), "--access-token", Write("access.txt", tokens.AccessToken));

        run.ExitCode.Should().Be(4, run.Stderr);
        run.Stderr.Should().Contain("KSO5303").And.Contain("client secret is wrong").And.NotContain("not-the-secret").And.NotContain(tokens.AccessToken);
    }

    [Test]
    public async Task An_access_token_for_another_audience_exits_3_by_the_audience_check()
    {
        var tokens = await LoginAsync("urn:kestra-api-light");

        var run = await SampleConsole.RunAsync("validate", "--config", Config("access-token"), "--access-token", Write("access.jwt", tokens.AccessToken));

        run.ExitCode.Should().Be(3, run.Stderr);
        run.Stderr.Should().Contain("KSO5208").And.Contain("by the Audience check").And.Contain("[kestra-api-light] contains none of [kestra-api]");
    }
}
