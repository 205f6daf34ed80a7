using System.Text.Json;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary>
/// Issue 11's authorization reproductions, typed at the console as the reviewer did (SPEC §4.4, §6): each is refused with
/// the right exit code. The token and discovery reproductions need an issuer and are integration tests
/// (<c>ConsoleReviewReproductionTests</c>). Two groups lists in one process cannot be shown here (the console resolves one
/// claims file per run): <c>AuthorizationRulesTests.The_grant_cache_keeps_group_lists_that_join_to_the_same_text_apart</c> covers it.
/// </summary>
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ReviewReproductionTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    private const string Config = """
        micronaut.security.oauth2.clients.keycloak:
          client-id: kestra
          openid:
            issuer: http://localhost:8088/realms/kestra
        kestra.security.oidc.groups-claim-path: groups
        kestra-security-oidc:
          roles:
            FlowEditor:        # Kestra 2.0 vocabulary: UPDATE is UPDATE, not EXECUTE nor KILL
              permissions:
                FLOW: [VIEW, LIST, UPDATE]
                EXECUTION: [VIEW, LIST, UPDATE]
            Deployer:          # Kestra 1.x vocabulary
              permissions:
                FLOW: [UPDATE]
          group-bindings:
            - group: admins
              roles: [FlowEditor]
            - group: ops
              roles: [Deployer]
        """;

    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("kestra-oidc-review-").FullName;
        File.WriteAllText(ConfigPath, Config);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string ConfigPath => Path.Combine(_directory, "application.yml");

    private string Claims(params string[] groups)
    {
        var path = Path.Combine(_directory, "claims.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { sub = "alice", groups }));
        return path;
    }

    private static List<(string Check, bool Allowed)> Checks(SampleConsoleProcess.Run run)
    {
        using var json = JsonDocument.Parse(run.Stdout);
        return [.. json.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => ($"{c.GetProperty("permission").GetString()}:{c.GetProperty("action").GetString()}", c.GetProperty("allowed").GetBoolean()))];
    }

    [Test]
    public async Task A_2_0_role_with_FLOW_UPDATE_is_denied_FLOW_EXECUTE_and_EXECUTION_KILL_with_exit_5()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", ConfigPath, "--claims", Claims("admins"),
            "--check", "FLOW:EXECUTE", "--check", "EXECUTION:KILL", "--check", "FLOW:UPDATE", "--check", "EXECUTION:UPDATE", "--format", "json");

        run.ExitCode.Should().Be(5, run.Stderr);
        Checks(run).Should().Equal(("FLOW:EXECUTE", false), ("EXECUTION:KILL", false), ("FLOW:UPDATE", true), ("EXECUTION:UPDATE", true));
        run.Stderr.Should().Contain("kestra-oidc: denied: FLOW:EXECUTE denied").And.Contain("kestra-oidc: denied: EXECUTION:KILL denied");
    }

    [Test]
    public async Task A_1x_role_with_FLOW_UPDATE_is_allowed_FLOW_EXECUTE_with_exit_0()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", ConfigPath, "--claims", Claims("ops"), "--check", "FLOW:EXECUTE", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        Checks(run).Should().Equal(("FLOW:EXECUTE", true));
        using var json = JsonDocument.Parse(run.Stdout);
        var grant = json.RootElement.GetProperty("checks")[0].GetProperty("grantedBy").EnumerateArray().Should().ContainSingle().Subject;
        grant.GetProperty("role").GetString().Should().Be("Deployer");
        grant.GetProperty("action").GetString().Should().Be("UPDATE");
        grant.GetProperty("model").GetString().Should().Be("Crud");
    }

    [TestCase("admins ")]
    [TestCase("\u00A0admins")]
    public async Task A_group_name_with_extra_white_space_does_not_match_the_binding(string sent)
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", ConfigPath, "--claims", Claims(sent), "--check", "FLOW:VIEW", "--format", "json");

        run.ExitCode.Should().Be(5, run.Stderr);
        Checks(run).Should().Equal(("FLOW:VIEW", false));
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal(sent);
        json.RootElement.GetProperty("roles").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task The_exact_group_name_matches_the_binding()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", ConfigPath, "--claims", Claims("admins"), "--check", "FLOW:VIEW", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        Checks(run).Should().Equal(("FLOW:VIEW", true));
    }

    [Test]
    public async Task An_empty_binding_namespace_from_an_unset_variable_fails_check_config_with_exit_2_at_its_location()
    {
        File.AppendAllText(ConfigPath, "\n      namespace: ${TEAM_NS:}\n");

        var run = await SampleConsoleProcess.RunAsync(_directory, new Dictionary<string, string?> { ["TEAM_NS"] = null }, "check-config", "--config", "application.yml");

        run.ExitCode.Should().Be(2, run.Stderr);
        run.Stderr.Should().Contain("application.yml:20:18: kestra-security-oidc.group-bindings[1].namespace: error KSO1022: the binding's namespace is empty, which would grant its roles in every namespace");
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task The_same_binding_with_the_variable_set_is_valid()
    {
        File.AppendAllText(ConfigPath, "\n      namespace: ${TEAM_NS:}\n");

        var run = await SampleConsoleProcess.RunAsync(_directory, new Dictionary<string, string?> { ["TEAM_NS"] = "prod.team" }, "check-config", "--config", "application.yml");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("application.yml: valid");
    }
}
