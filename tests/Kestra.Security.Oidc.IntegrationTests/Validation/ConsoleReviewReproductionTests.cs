using System.Text.Json.Nodes;
using Kestra.Security.Oidc.IntegrationTests.Faults;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary>
/// Issue 11's token and discovery reproductions, typed at the console against the fault server on 127.0.0.1 (SPEC §5.1, §6):
/// each token is refused with exit 3 naming the check, each unsafe document with exit 4, and what needs no key costs the
/// provider no request at all (the fault server counts them). Every console run starts with a cold cache.
/// </summary>
[Category("Integration")]
[TestFixtureSource(typeof(ConsoleBuilds), nameof(ConsoleBuilds.Both))]
public sealed class ConsoleReviewReproductionTests(ConsoleBuild build) : IConsoleFixture
{
    public ConsoleBuild Build { get; } = build;

    private FaultServer _server = null!;
    private string _directory = null!;
    private string _realm = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await FaultServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [SetUp]
    public void SetUp()
    {
        _realm = "review-" + TestContext.CurrentContext.Test.ID;
        _directory = Directory.CreateTempSubdirectory("kestra-oidc-review-").FullName;
        WriteConfig();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string Issuer => _server.IssuerOf(_realm).AbsoluteUri;

    private string ConfigPath => Path.Combine(_directory, "application.yml");

    private void WriteConfig(string algorithms = "[RS256]") => File.WriteAllText(ConfigPath, $"""
        micronaut.security.oauth2.clients.keycloak:
          client-id: kestra
          openid:
            issuer: "{Issuer}"
        kestra-security-oidc.validation.algorithms: {algorithms}
        """);

    private JsonObject Claims(long iatOffset = 0, long expOffset = 300, string? issuer = null)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = issuer ?? Issuer, ["aud"] = "kestra", ["azp"] = "kestra", ["sub"] = "alice", ["typ"] = "ID",
            ["exp"] = now + expOffset, ["iat"] = now + iatOffset,
            ["resource_access"] = new JsonObject { ["kestra"] = new JsonObject { ["roles"] = new JsonArray("Developers", "Admins") } },
        };
    }

    private static JsonObject Without(JsonObject claims, string name)
    {
        claims.Remove(name);
        return claims;
    }

    private Task<string> SignAsync(JsonObject claims, JsonObject? header = null, IReadOnlyList<string>? unset = null, string? signWith = null) =>
        _server.SignRawAsync(_realm, claims.ToJsonString(), header, unset, signWith);

    private async Task<(int ExitCode, string Stderr, FaultServerStats Stats)> ValidateAsync(string token)
    {
        var path = Path.Combine(_directory, "id-token.jwt");
        await File.WriteAllTextAsync(path, token);
        var run = await SampleConsole.RunAsync("validate", "--config", ConfigPath, "--id-token", path);
        run.Stdout.Should().NotContain(token.Split('.')[1], "the console never prints the token");
        run.Stderr.Should().NotContain("Unhandled exception").And.NotContain("   at ", "no stack trace");
        return (run.ExitCode, run.Stderr, await _server.GetStatsAsync(_realm));
    }

    private async Task<string> TokenAsync(string kind)
    {
        string Signature(string token) => token[(token.LastIndexOf('.') + 1)..];
        string Insert(string token, string text) => token[..(token.Length - (Signature(token).Length / 2))] + text + token[(token.Length - (Signature(token).Length / 2))..];
        return kind switch
        {
            "padded signature" => await SignAsync(Claims()) + "==",
            "space in the signature" => Insert(await SignAsync(Claims()), " "),
            "line break in the signature" => Insert(await SignAsync(Claims()), "\n"),
            "numeric kid" => await SignAsync(Claims(), new JsonObject { ["kid"] = 123 }),
            "no iat" => await SignAsync(Without(Claims(), "iat")),
            "iat in the future" => await SignAsync(Claims(iatOffset: 3600, expOffset: 7200)),
            "duplicate nested member" => await _server.SignRawAsync(_realm,
                Claims().ToJsonString().Replace("\"roles\":[\"Developers\",\"Admins\"]", "\"roles\":[\"Developers\"],\"roles\":[\"Admins\"]", StringComparison.Ordinal)
                    .Should().Contain("\"roles\":[\"Admins\"]").And.Subject),
            "expired" => await SignAsync(Claims(iatOffset: -7200, expOffset: -3600)),
            "foreign issuer" => await SignAsync(Claims(issuer: _server.IssuerOf("another-realm").AbsoluteUri)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    [Test]
    public async Task A_valid_token_is_accepted_and_costs_one_discovery_and_one_jwks_request()
    {
        var (exitCode, stderr, stats) = await ValidateAsync(await SignAsync(Claims()));

        exitCode.Should().Be(0, stderr);
        (stats.DiscoveryRequests, stats.JwksRequests).Should().Be((1, 1), "the same set-up reaches the provider when the token deserves it");
    }

    [TestCase("padded signature", "Format", "KSO5102")]
    [TestCase("space in the signature", "Format", "KSO5102")]
    [TestCase("line break in the signature", "Format", "KSO5102")]
    [TestCase("numeric kid", "Format", "KSO5102: the token's 'kid' header is not a non-empty string")]
    [TestCase("no iat", "IssuedAt", "KSO5116: the token's 'iat' is missing")]
    [TestCase("iat in the future", "IssuedAt", "KSO5116: the token was issued at")]
    [TestCase("duplicate nested member", "Format", "KSO5102: the token's payload has a duplicate member inside a claim's value")]
    [TestCase("expired", "Expired", "KSO5110")]
    [TestCase("foreign issuer", "Issuer", "KSO5107")]
    public async Task A_token_failing_a_keyless_check_exits_3_naming_it_and_the_provider_sees_no_request(string kind, string check, string message)
    {
        var token = await TokenAsync(kind);

        var (exitCode, stderr, stats) = await ValidateAsync(token);

        exitCode.Should().Be(3, stderr);
        stderr.Should().Contain($"kestra-oidc: the ID token is rejected by the {check} check: {message}");
        (stats.DiscoveryRequests, stats.JwksRequests).Should().Be((0, 0), "with a cold cache, what needs no key is checked before any request");
        (await _server.GetStatsAsync("another-realm")).DiscoveryRequests.Should().Be(0);
    }

    [Test]
    public async Task A_token_without_kid_while_the_provider_publishes_several_keys_exits_3()
    {
        await _server.RotateKeysAsync(_realm);

        var (exitCode, stderr, _) = await ValidateAsync(await SignAsync(Claims(), unset: ["kid"]));

        exitCode.Should().Be(3, stderr);
        stderr.Should().Contain("rejected by the UnknownKey check: KSO5106: the token has no 'kid' and the provider has 2 'RS256' keys: which one signed it is ambiguous");
    }

    [Test]
    public async Task A_token_whose_alg_is_not_its_keys_alg_exits_3()
    {
        WriteConfig("[RS256, RS384]");
        var kid = (await _server.GetStatsAsync(_realm)).SigningKid;

        var (exitCode, stderr, _) = await ValidateAsync(await SignAsync(Claims(), new JsonObject { ["alg"] = "RS384" }));

        exitCode.Should().Be(3, stderr);
        stderr.Should().Contain($"rejected by the Algorithm check: KSO5103: the token says 'RS384' but its key '{kid}' is for 'RS256' only");
    }

    [Test]
    public async Task A_token_signed_with_a_published_RSA_1024_key_exits_3()
    {
        var weak = await _server.AddKeyAsync(_realm, bits: 1024);

        var (exitCode, stderr, _) = await ValidateAsync(await SignAsync(Claims(), signWith: weak));
        var discover = await SampleConsole.RunAsync("discover", "--config", ConfigPath);

        exitCode.Should().Be(3, stderr);
        stderr.Should().Contain($"rejected by the UnknownKey check: KSO5106: the token's key id '{weak}' is not in the provider's JWKS");
        discover.ExitCode.Should().Be(0, discover.Stderr);
        discover.Stdout.Should().Contain($"{weak}: the RSA key has 1024 bits, fewer than 2048 (RFC 7518 §3.3)");
    }

    [TestCase("jwks_uri", "file:///etc/passwd")]
    [TestCase("end_session_endpoint", "javascript:alert(1)")]
    public async Task Validate_exits_4_when_the_document_names_an_unsafe_endpoint(string member, string value)
    {
        await _server.SetDocumentAsync(_realm, new JsonObject { [member] = value });

        var (exitCode, stderr, stats) = await ValidateAsync(await SignAsync(Claims()));

        exitCode.Should().Be(4, stderr);
        stderr.Should().Contain($"KSO5014: the discovery document at '{Issuer}/.well-known/openid-configuration' gives '{member}' as '{value}', not an https:// URL");
        (stats.DiscoveryRequests, stats.JwksRequests).Should().Be((1, 0), "nothing named by a refused document is fetched");
    }
}
