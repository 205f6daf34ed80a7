using System.Text.Json;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary>The console's demo and <c>check-config</c>, run as a process.</summary>
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class CheckConfigCommandTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    [Test]
    public async Task The_demo_resolves_the_bundled_token_to_the_default_Editor_role()
    {
        var run = await ConsoleRunner.RunAsync();

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("source default-role")
            .And.MatchRegex(@"FLOW\s+│ CREATE, DELETE, READ, UPDATE\s+│ Editor via default role")
            .And.MatchRegex(@"EXECUTION\s+│ CREATE, DELETE, READ, UPDATE\s+│ Editor via default role");
    }

    [Test]
    public async Task The_demo_in_json_has_the_resolve_fields()
    {
        var run = await ConsoleRunner.RunAsync("--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        document.RootElement.GetProperty("source").GetString().Should().Be("default-role");
        document.RootElement.GetProperty("permissions").GetProperty("FLOW").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("CREATE", "DELETE", "READ", "UPDATE");
    }

    [Test]
    public async Task A_valid_file_exits_0_with_warnings_on_stderr()
    {
        var run = await ConsoleRunner.RunAsync("check-config", "--config", "config/guide-3-roles-scope.yml");

        run.ExitCode.Should().Be(0);
        run.Stderr.Should().Contain("config/guide-3-roles-scope.yml:14:11: micronaut.security.oauth2.endpoints.logout.get-allowed: warning KSO1003:");
        run.Stdout.Should().Contain("valid");
    }

    [Test]
    public async Task An_invalid_file_exits_2_with_FILE_LINE_COL_lines()
    {
        var run = await ConsoleRunner.RunAsync("check-config", "--config", "config/guide-1-template.yml");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("config/guide-1-template.yml:7:22: micronaut.security.oauth2.clients.keycloak.client-id: error KSO1002:");
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task The_json_format_lists_diagnostics_with_stable_field_names()
    {
        var run = await ConsoleRunner.RunAsync("check-config", "--config", "config/guide-1-template.yml", "--format", "json");

        run.ExitCode.Should().Be(2);
        using var document = JsonDocument.Parse(run.Stdout);
        document.RootElement.GetProperty("valid").GetBoolean().Should().BeFalse();
        var first = document.RootElement.GetProperty("diagnostics")[0];
        first.GetProperty("code").GetString().Should().Be("KSO1002");
        first.GetProperty("line").GetInt32().Should().Be(7);
        first.GetProperty("column").GetInt32().Should().Be(22);
        first.GetProperty("key").GetString().Should().Be("micronaut.security.oauth2.clients.keycloak.client-id");
    }

    [Test]
    public async Task A_missing_config_option_exits_2()
    {
        var run = await ConsoleRunner.RunAsync("check-config");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("--config FILE is required");
    }

    [Test]
    public async Task A_missing_file_exits_2_naming_the_file()
    {
        var run = await ConsoleRunner.RunAsync("check-config", "--config", "config/nope.yml");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("config/nope.yml: (document): error KSO1019: cannot read the file");
    }

    [Test]
    public async Task An_unknown_option_exits_2_naming_it()
    {
        var run = await ConsoleRunner.RunAsync("check-config", "--config", "config/guide-combined.yml", "--verbose");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("kestra-oidc: Unrecognized command or argument '--verbose'");
        run.Stdout.Should().BeEmpty();
    }

    [TestCase("check-config", "--config", "config/guide-combined.yml")]
    [TestCase("claim", "--path", "sub", "--claims", "tokens/keycloak-with-kestra-roles.json")]
    [TestCase("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-with-kestra-roles.json")]
    public async Task A_format_other_than_table_or_json_exits_2(params string[] args)
    {
        var run = await ConsoleRunner.RunAsync([.. args, "--format", "yaml"]);

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("kestra-oidc: --format must be 'table' or 'json', not 'yaml'");
        run.Stdout.Should().BeEmpty();
    }
}
