using System.Text.Json;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary><c>kestra-oidc resolve</c>, run as a process.</summary>
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ResolveCommandTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    [Test]
    public async Task Resolve_prints_the_SPEC_json_fields()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-no-kestra-roles.json", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Contain(["client", "subject", "source", "groups", "roles", "permissions", "warnings", "trace"]);
        root.GetProperty("client").GetString().Should().Be("keycloak");
        root.GetProperty("source").GetString().Should().Be("default-role");
        root.GetProperty("permissions").GetProperty("EXECUTION").GetArrayLength().Should().Be(4);
        root.GetProperty("trace")[0].GetProperty("grantedBy").GetString().Should().Be("default role");
    }

    [Test]
    public async Task Resolve_with_groups_reports_the_groups()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-with-kestra-roles.json", "--client", "keycloak", "--format", "json");

        run.ExitCode.Should().Be(0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        document.RootElement.GetProperty("source").GetString().Should().Be("groups");
        document.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal("Admins", "Developers");
        run.Stderr.Should().Contain("KSO4002");
    }

    [Test]
    public async Task A_malformed_claims_file_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{\"sub\": ");
        try
        {
            var run = await ConsoleRunner.RunAsync("resolve", "--config", "config/guide-combined.yml", "--claims", path);

            run.ExitCode.Should().Be(2);
            run.Stderr.Should().Contain("KSO3101");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task An_unknown_client_exits_2_listing_the_configured_ones()
    {
        var run = await ConsoleRunner.RunAsync("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-no-kestra-roles.json", "--client", "okta");

        run.ExitCode.Should().Be(2);
        run.Stderr.Should().Contain("there is no client 'okta'").And.Contain("configured: keycloak");
    }
}
