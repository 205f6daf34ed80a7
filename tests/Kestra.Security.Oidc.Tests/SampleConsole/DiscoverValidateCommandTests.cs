using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary><c>discover</c> and <c>validate</c> on the paths that need no provider (the live paths are integration tests).</summary>
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class DiscoverValidateCommandTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    [Test]
    public async Task Discover_refuses_http_off_loopback_before_any_request_with_exit_2()
    {
        var run = await ConsoleRunner.RunAsync("discover", "--config", "discovery/remote-http.yml");

        run.ExitCode.Should().Be(2, run.Stderr);
        run.Stderr.Should().Contain("KSO5001: the issuer 'http://keycloak.example.com/realms/kestra' uses http:// on a host that is not loopback");
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task Discover_with_several_clients_asks_for_one_with_exit_2()
    {
        var run = await ConsoleRunner.RunAsync("discover", "--config", "discovery/two-clients.yml");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("has 2 clients (keycloak, other); choose one with --client NAME");
    }

    [Test]
    public async Task Validate_without_an_id_token_option_exits_2()
    {
        var run = await ConsoleRunner.RunAsync("validate", "--config", "discovery/remote-http.yml");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("--id-token FILE is required");
    }

    [Test]
    public async Task Validate_with_a_missing_token_file_exits_2()
    {
        var run = await ConsoleRunner.RunAsync("validate", "--config", "discovery/remote-http.yml", "--id-token", "discovery/nope.jwt");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("cannot read the ID token file");
    }

    [Test]
    public async Task Validate_with_an_unknown_client_exits_2()
    {
        var run = await ConsoleRunner.RunAsync("validate", "--config", "discovery/two-clients.yml", "--client", "okta", "--id-token", "discovery/nope.jwt");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("there is no client 'okta'");
    }
}
