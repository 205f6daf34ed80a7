using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.Tests.SampleConsole;

/// <summary>SPEC §10: the native console prints exactly what the managed one prints, byte for byte, with the same exit code.</summary>
public sealed class NativeParityTests
{
    [TestCase("--format", "table")]
    [TestCase("--format", "json")]
    [TestCase("--help")]
    [TestCase("nope")]
    [TestCase("check-config", "--config", "config/guide-3-roles-scope.yml")]
    [TestCase("check-config", "--config", "config/guide-1-template.yml", "--format", "json")]
    [TestCase("check-config", "--config", "config/nope.yml")]
    [TestCase("check-config", "--help")]
    [TestCase("claim", "--path", "resource_access.kestra.roles", "--claims", "tokens/keycloak-with-kestra-roles.json")]
    [TestCase("claim", "--path", "resource_access.kestra.roles", "--claims", "tokens/keycloak-no-kestra-roles.json", "--format", "json")]
    [TestCase("claim", "--path", "resource_access.kestra[", "--claims", "tokens/keycloak-with-kestra-roles.json")]
    [TestCase("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-no-kestra-roles.json")]
    [TestCase("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/keycloak-with-kestra-roles.json", "--format", "json")]
    [TestCase("resolve", "--config", "config/guide-combined.yml", "--claims", "tokens/nope.json")]
    [TestCase("resolve", "--config", "config/authorization.yml", "--claims", "tokens/keycloak-with-kestra-roles.json", "--check", "FLOW:EXECUTE@prod.team", "--check", "EXECUTION:KILL@prod.team")]
    [TestCase("resolve", "--config", "config/authorization.yml", "--claims", "tokens/keycloak-with-kestra-roles.json", "--check", "FLOW:EXECUTE@prod.team", "--format", "json")]
    [TestCase("discover", "--config", "discovery/remote-http.yml", "--format", "json")]
    [TestCase("validate", "--config", "discovery/two-clients.yml", "--client", "okta", "--id-token", "discovery/nope.jwt")]
    [TestCase("validate", "--config", "discovery/remote-http.yml", "--id-token")]
    public async Task The_native_console_prints_what_the_managed_one_prints(params string[] args)
    {
        var managed = await SampleConsoleProcess.RunAsync(ConsoleBuild.Managed, TestFiles.PathOf(), args);
        var native = await SampleConsoleProcess.RunAsync(ConsoleBuild.Native, TestFiles.PathOf(), args);

        native.ExitCode.Should().Be(managed.ExitCode);
        native.Stdout.Should().Be(managed.Stdout);
        native.Stderr.Should().Be(managed.Stderr);
        (managed.Stdout + managed.Stderr).Should().NotBeEmpty();
    }
}
