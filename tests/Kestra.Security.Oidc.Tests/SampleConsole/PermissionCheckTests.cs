using System.Text.Json;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary><c>resolve --check PERMISSION:ACTION[@NAMESPACE]</c> and <c>require-groups</c>, run as a process (SPEC §6).</summary>
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class PermissionCheckTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    private const string Config = "config/authorization.yml";
    private const string WithGroups = "tokens/keycloak-with-kestra-roles.json";
    private const string WithoutGroups = "tokens/keycloak-no-kestra-roles.json";

    [Test]
    public async Task Allowed_checks_exit_0_and_say_what_granted_them_in_json()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", Config, "--claims", WithGroups,
            "--check", "FLOW:UPDATE", "--check", "execution:kill@prod.eng", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var checks = json.RootElement.GetProperty("checks");
        checks.GetArrayLength().Should().Be(2);
        checks[0].GetProperty("permission").GetString().Should().Be("FLOW");
        checks[0].GetProperty("action").GetString().Should().Be("UPDATE");
        checks[0].GetProperty("namespace").ValueKind.Should().Be(JsonValueKind.Null);
        checks[0].GetProperty("allowed").GetBoolean().Should().BeTrue();
        checks[0].GetProperty("grantedBy")[0].GetProperty("role").GetString().Should().Be("FlowEditor");
        checks[0].GetProperty("grantedBy")[0].GetProperty("grantedBy").GetString().Should().Be("group 'Admins'");
        var kill = checks[1];
        kill.GetProperty("permission").GetString().Should().Be("EXECUTION");
        kill.GetProperty("action").GetString().Should().Be("KILL");
        kill.GetProperty("namespace").GetString().Should().Be("prod.eng");
        kill.GetProperty("allowed").GetBoolean().Should().BeTrue();
        var grant = kill.GetProperty("grantedBy").EnumerateArray().Should().ContainSingle().Subject;
        grant.GetProperty("role").GetString().Should().Be("Operator");
        grant.GetProperty("grantedBy").GetString().Should().Be("group 'Developers'");
        grant.GetProperty("namespace").GetString().Should().Be("prod");
        grant.GetProperty("action").GetString().Should().Be("UPDATE");
        grant.GetProperty("model").GetString().Should().Be("Crud");
    }

    [Test]
    public async Task A_2_0_role_does_not_allow_the_1x_expansion_and_a_denied_check_exits_5()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", Config, "--claims", WithGroups,
            "--check", "FLOW:EXECUTE", "--check", "FLOW:VIEW", "--check", "EXECUTION:KILL@dev", "--format", "json");

        run.ExitCode.Should().Be(5, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("permission").GetString(), c.GetProperty("action").GetString(), c.GetProperty("allowed").GetBoolean(), c.GetProperty("grantedBy").GetArrayLength()))
            .ToList();
        checks.Should().Equal(("FLOW", "EXECUTE", false, 0), ("FLOW", "VIEW", true, 1), ("EXECUTION", "KILL", false, 0));
        run.Stderr.Should().Contain("kestra-oidc: denied: FLOW:EXECUTE denied").And.Contain("kestra-oidc: denied: EXECUTION:KILL@dev denied");
    }

    [Test]
    public async Task Checks_print_as_a_small_table_with_what_granted_them()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", Config, "--claims", WithGroups,
            "--check", "EXECUTION:KILL@prod", "--check", "FLOW:EXECUTE");

        run.ExitCode.Should().Be(5, run.Stderr);
        var lines = run.Stdout.Split('\n');
        lines.Should().Contain(l => l.Contains("EXECUTION:KILL@prod") && l.Contains("allowed") && l.Contains("Operator via group 'Developers' in prod (EXECUTION UPDATE)"));
        lines.Should().Contain(l => l.Contains("FLOW:EXECUTE") && l.Contains("denied"));
    }

    [Test]
    public async Task Without_checks_the_json_has_an_empty_checks_field_and_exit_0()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", Config, "--claims", WithoutGroups, "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("checks").GetArrayLength().Should().Be(0);
        json.RootElement.GetProperty("refusal").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("source").GetString().Should().Be("default-role");
    }

    [TestCase("FLOW", "kestra-oidc: --check 'FLOW': expected PERMISSION:ACTION[@NAMESPACE], e.g. FLOW:EXECUTE@prod.team")]
    [TestCase(":VIEW", "kestra-oidc: --check ':VIEW': expected PERMISSION:ACTION[@NAMESPACE], e.g. FLOW:EXECUTE@prod.team")]
    [TestCase("FLOW@prod:VIEW", "kestra-oidc: --check 'FLOW@prod:VIEW': expected PERMISSION:ACTION[@NAMESPACE], e.g. FLOW:EXECUTE@prod.team")]
    [TestCase("FLOWS:VIEW", "kestra-oidc: --check 'FLOWS:VIEW': unknown permission 'FLOWS'; valid permissions: AI_COPILOT, APITOKEN, APP,")]
    [TestCase("FLOW:EXPLODE", "kestra-oidc: --check 'FLOW:EXPLODE': unknown action 'EXPLODE' for 'FLOW'; valid actions for 'FLOW': CREATE, DELETE, DISABLE, ENABLE, EXECUTE, EXPORT, IMPORT, LIST, READ, UPDATE, VALIDATE, VIEW")]
    [TestCase("FLOW:", "kestra-oidc: --check 'FLOW:': the action is missing; valid actions for 'FLOW': CREATE,")]
    [TestCase("FLOW:VIEW@", "kestra-oidc: --check 'FLOW:VIEW@': the namespace after '@' is empty; expected PERMISSION:ACTION[@NAMESPACE]")]
    public async Task A_malformed_check_exits_2_with_the_valid_names(string check, string message)
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", Config, "--claims", WithGroups, "--check", "FLOW:VIEW", "--check", check);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().StartWith(message);
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task Validate_refuses_a_malformed_check_before_reading_anything_else()
    {
        var run = await ConsoleRunner.RunAsync("validate", "--config", "discovery/remote-http.yml", "--id-token", "discovery/nope.jwt", "--check", "FLOWS:VIEW");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().StartWith("kestra-oidc: --check 'FLOWS:VIEW': unknown permission 'FLOWS'");
    }

    [Test]
    public async Task Require_groups_makes_resolve_exit_3_for_a_user_without_groups()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", "config/authorization-require-groups.yml", "--claims", WithoutGroups,
            "--check", "FLOW:VIEW", "--format", "json");

        run.ExitCode.Should().Be(3, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        json.RootElement.GetProperty("refusal").GetProperty("code").GetString().Should().Be("KSO4010");
        json.RootElement.GetProperty("source").GetString().Should().Be("none");
        json.RootElement.GetProperty("permissions").EnumerateObject().Should().BeEmpty();
        json.RootElement.GetProperty("checks")[0].GetProperty("allowed").GetBoolean().Should().BeFalse();
        run.Stderr.Should().Contain("kestra-oidc: the user is refused: KSO4010: the user has no group at 'resource_access.kestra.roles'");
    }

    [Test]
    public async Task Require_groups_lets_a_user_with_groups_through()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", "config/authorization-require-groups.yml", "--claims", WithGroups, "--check", "FLOW:UPDATE");

        run.ExitCode.Should().Be(0, run.Stderr);
    }
}
