using System.Text.Json.Nodes;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>Changing keys: a new key is picked up with one JWKS refetch shared by every caller; a dropped key stops verifying.</summary>
[Category("Integration")]
public sealed class KeyRotationFaultTests
{
    private FaultServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await FaultServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task A_rotated_key_costs_one_refetch_for_all_callers_and_a_dropped_key_is_refused()
    {
        const string realm = "rotation";
        await _server.GetStatsAsync(realm);
        using var scenario = new FaultScenario(_server, realm, d =>
        {
            d.RefreshInterval = TimeSpan.FromHours(1);
            d.JwksRefetchCooldown = TimeSpan.FromHours(1);
        });
        var before = await TokenAsync(realm);
        (await ValidateAsync(scenario, before)).IsValid.Should().BeTrue();
        var fetchesBefore = (await _server.GetStatsAsync(realm)).JwksRequests;

        await _server.RotateKeysAsync(realm, dropOld: true);
        var after = await TokenAsync(realm);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () => await ValidateAsync(scenario, after))));
        var old = await ValidateAsync(scenario, before);

        results.Should().OnlyContain(r => r.IsValid);
        (await _server.GetStatsAsync(realm)).JwksRequests.Should().Be(fetchesBefore + 1, "one refetch per cooldown, shared by 200 callers");
        old.Failure.Should().Be(IdTokenCheck.UnknownKey, "the old key was dropped from the JWKS and the cooldown forbids another refetch");
    }

    [Test]
    public async Task Junk_and_expired_tokens_cause_no_key_traffic()
    {
        const string realm = "junk";
        await _server.GetStatsAsync(realm);
        using var scenario = new FaultScenario(_server, realm, d => d.RefreshInterval = TimeSpan.FromHours(1));
        await scenario.WarmAsync();
        var fetchesBefore = (await _server.GetStatsAsync(realm)).JwksRequests;

        var expired = await TokenAsync(realm, exp: -3600, kid: "unknown-kid");
        var wrongAudience = await TokenAsync(realm, aud: "someone-else", kid: "unknown-kid");
        var results = await Task.WhenAll(Enumerable.Range(0, 100).SelectMany(_ => new[] { expired, wrongAudience, "junk.junk.junk" })
            .Select(t => Task.Run(async () => await ValidateAsync(scenario, t))));

        results.Should().OnlyContain(r => !r.IsValid && r.Failure != IdTokenCheck.UnknownKey);
        (await _server.GetStatsAsync(realm)).JwksRequests.Should().Be(fetchesBefore);
    }

    private static ValueTask<IdTokenValidationResult> ValidateAsync(FaultScenario scenario, string token) =>
        scenario.Validator.ValidateAsync(token, FaultScenario.ClientName);

    private Task<string> TokenAsync(string realm, long exp = 300, string aud = FaultScenario.ClientId, string? kid = null)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = _server.IssuerOf(realm).AbsoluteUri, ["aud"] = aud, ["sub"] = "user-1", ["azp"] = FaultScenario.ClientId,
            ["exp"] = now + exp, ["iat"] = now, ["typ"] = "ID",
        };
        return _server.SignAsync(realm, claims, kid is null ? null : new JsonObject { ["kid"] = kid });
    }
}
