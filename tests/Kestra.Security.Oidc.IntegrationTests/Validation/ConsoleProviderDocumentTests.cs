using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary><c>kestra-oidc discover</c> on provider documents that break SPEC §5.1: unsafe endpoints (exit 4) and refused keys.</summary>
[Category("Integration")]
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ConsoleProviderDocumentTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    private StaticDocumentServer _server = null!;
    private string _directory = null!;

    private string Issuer => _server.Url("/realms/kestra");

    private string ConfigPath => Path.Combine(_directory, "application.yml");

    [SetUp]
    public void SetUp()
    {
        _server = new StaticDocumentServer();
        _directory = Directory.CreateTempSubdirectory("kestra-oidc-documents-").FullName;
        File.WriteAllText(ConfigPath, $"""
            micronaut.security.oauth2.clients.kestra:
              client-id: kestra
              openid:
                issuer: "{Issuer}"
            """);
    }

    [TearDown]
    public void TearDown()
    {
        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void ServeDiscovery(string jwksUri, string? endSession = null) =>
        _server.Serve("/realms/kestra/.well-known/openid-configuration", JsonSerializer.Serialize(new
        {
            issuer = Issuer,
            authorization_endpoint = $"{Issuer}/protocol/openid-connect/auth",
            token_endpoint = $"{Issuer}/protocol/openid-connect/token",
            end_session_endpoint = endSession ?? $"{Issuer}/protocol/openid-connect/logout",
            jwks_uri = jwksUri,
        }));

    private static Dictionary<string, string> Jwk(string kid, int bits)
    {
        using var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(false);
        return new() { ["kid"] = kid, ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["n"] = Base64Url.EncodeToString(parameters.Modulus), ["e"] = Base64Url.EncodeToString(parameters.Exponent) };
    }

    [TestCase("file:///etc/passwd", null)]
    [TestCase(null, "javascript:alert(document.cookie)")]
    public async Task Discover_exits_4_when_the_document_names_an_unsafe_endpoint(string? jwksUri, string? endSession)
    {
        ServeDiscovery(jwksUri ?? $"{Issuer}/protocol/openid-connect/certs", endSession);

        var run = await SampleConsole.RunAsync("discover", "--config", ConfigPath);

        run.ExitCode.Should().Be(4, run.Stderr);
        run.Stderr.Should().Contain("KSO5014: the discovery document at").And.Contain("not an https:// URL");
        run.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task Discover_lists_an_RSA_key_under_2048_bits_as_refused_with_the_reason()
    {
        ServeDiscovery($"{Issuer}/protocol/openid-connect/certs");
        _server.Serve("/realms/kestra/protocol/openid-connect/certs", JsonSerializer.Serialize(new { keys = new[] { Jwk("good", 2048), Jwk("weak", 1024) } }));

        var table = await SampleConsole.RunAsync("discover", "--config", ConfigPath);
        var json = await SampleConsole.RunAsync("discover", "--config", ConfigPath, "--format", "json");

        table.ExitCode.Should().Be(0, table.Stderr);
        table.Stdout.Should().Contain("weak: the RSA key has 1024 bits, fewer than 2048 (RFC 7518 §3.3)");
        using var document = JsonDocument.Parse(json.Stdout);
        document.RootElement.GetProperty("signingKeys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().Equal("good");
        var refused = document.RootElement.GetProperty("refusedKeys").EnumerateArray().Should().ContainSingle().Subject;
        refused.GetProperty("kid").GetString().Should().Be("weak");
        refused.GetProperty("reason").GetString().Should().Be("the RSA key has 1024 bits, fewer than 2048 (RFC 7518 §3.3)");
    }
}
