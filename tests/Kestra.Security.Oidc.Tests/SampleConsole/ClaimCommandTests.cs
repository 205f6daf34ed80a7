using System.Text.Json;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary><c>kestra-oidc claim</c> and every command's <c>--help</c>, run as a process.</summary>
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ClaimCommandTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    [Test]
    public async Task Claim_prints_a_JSON_array_of_strings()
    {
        var run = await ConsoleRunner.RunAsync("claim", "--path", "resource_access.kestra.roles", "--claims", "tokens/keycloak-with-kestra-roles.json", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        JsonSerializer.Deserialize<string[]>(run.Stdout).Should().Equal("Developers", "Admins");
    }

    [Test]
    public async Task Claim_on_a_missing_path_prints_an_empty_array_and_the_diagnostic()
    {
        var run = await ConsoleRunner.RunAsync("claim", "--path", "resource_access.kestra.roles", "--claims", "tokens/keycloak-no-kestra-roles.json", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        JsonSerializer.Deserialize<string[]>(run.Stdout).Should().BeEmpty();
        run.Stderr.Should().Contain("`resource_access` exists but has no `kestra`");
    }

    [Test]
    public async Task A_malformed_path_exits_2_with_the_column()
    {
        var run = await ConsoleRunner.RunAsync("claim", "--path", "resource_access.kestra[", "--claims", "tokens/keycloak-with-kestra-roles.json");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("KSO3100: invalid claim path 'resource_access.kestra[' at column 24");
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task A_truncated_payload_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"resource_access\": {\"kestra\": {\"roles\": [\"a\"");
        try
        {
            var run = await ConsoleRunner.RunAsync("claim", "--path", "resource_access.kestra.roles", "--claims", path);

            run.ExitCode.Should().Be(2);
            run.Stderr.Should().Contain("KSO3101");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("check-config")]
    [TestCase("claim")]
    [TestCase("resolve")]
    [TestCase("discover")]
    [TestCase("validate")]
    public async Task Every_command_has_help(string command)
    {
        var run = await ConsoleRunner.RunAsync(command, "--help");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("USAGE:").And.Contain($"kestra-oidc {command}");
    }

    [Test]
    public async Task The_root_help_lists_the_commands()
    {
        var run = await ConsoleRunner.RunAsync("--help");

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("check-config").And.Contain("claim").And.Contain("resolve").And.Contain("discover").And.Contain("validate");
    }
}
