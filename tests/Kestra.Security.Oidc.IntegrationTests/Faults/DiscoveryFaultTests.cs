using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>
/// The fault matrix: for each way the provider can misbehave, on the discovery document or on the JWKS, the library
/// (a) answers a typed <see cref="DiscoveryException"/> when it has no metadata, (b) keeps serving the last good
/// metadata when it has some, and (c) recovers when the provider does.
/// </summary>
[Category("Integration")]
[Parallelizable(ParallelScope.Children)]
public sealed class DiscoveryFaultTests
{
    private static FaultServer _server = null!;

    public enum Document
    {
        Discovery,
        Jwks,
    }

    public static IEnumerable<TestCaseData> Faults()
    {
        (FaultMode Mode, string Code)[] faults =
        [
            (FaultMode.Hang, DiscoveryErrorCodes.Timeout),
            (FaultMode.Slow, DiscoveryErrorCodes.Timeout),
            (FaultMode.SlowBody, DiscoveryErrorCodes.Timeout),
            (FaultMode.Reset, DiscoveryErrorCodes.Unreachable),
            (FaultMode.Endless, DiscoveryErrorCodes.TooLarge),
            (FaultMode.Huge, DiscoveryErrorCodes.TooLarge),
            (FaultMode.Html, DiscoveryErrorCodes.NotJson),
            (FaultMode.WrongJson, DiscoveryErrorCodes.MalformedDocument),
            (FaultMode.ServerError, DiscoveryErrorCodes.HttpError),
            (FaultMode.Redirect, DiscoveryErrorCodes.Redirect),
        ];
        foreach (var document in Enum.GetValues<Document>())
        {
            foreach (var (mode, code) in faults)
            {
                yield return new TestCaseData(document, mode, code).SetArgDisplayNames($"{document}", $"{mode}", code);
            }
        }
    }

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await FaultServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCaseSource(nameof(Faults))]
    public async Task Without_metadata_a_fault_is_a_typed_error_and_the_library_recovers_with_the_provider(Document document, FaultMode mode, string code)
    {
        var realm = $"cold-{document}-{mode}".ToLowerInvariant();
        await _server.GetStatsAsync(realm); // creates the realm and its key before the clock starts
        await SetAsync(realm, document, mode);
        using var scenario = new FaultScenario(_server, realm);

        var (_, error) = await scenario.PollAsync((_, e) => e is not null);

        error!.Code.Should().Be(code, error.Message);
        TestContext.Out.WriteLine($"{document} {mode}: {error.Code}: {error.Message}");

        await SetAsync(realm, document, FaultMode.Ok);
        var (metadata, _) = await scenario.PollAsync((m, _) => m is not null);
        metadata!.Issuer.Should().Be(_server.IssuerOf(realm).AbsoluteUri);
        metadata.SigningKeys.Should().NotBeEmpty();
    }

    [TestCaseSource(nameof(Faults))]
    public async Task With_metadata_a_fault_keeps_the_last_good_metadata_serving_until_the_provider_recovers(Document document, FaultMode mode, string code)
    {
        _ = code;
        var realm = $"warm-{document}-{mode}".ToLowerInvariant();
        await _server.GetStatsAsync(realm);
        using var scenario = new FaultScenario(_server, realm);
        var good = await scenario.WarmAsync();
        await SetAsync(realm, document, mode);
        await _server.ResetStatsAsync(realm);

        // Past the refresh interval every call starts or joins a background refresh that fails; callers keep the last good metadata.
        var served = 0;
        var lastGood = good;
        await scenario.PollAsync((m, e) =>
        {
            e.Should().BeNull("the last good metadata serves during an outage");
            m!.Issuer.Should().Be(good.Issuer);
            lastGood = m; // the same instance, unless a refresh that started before the fault was set succeeded
            served++;
            return FaultyAnswers(realm, document).Result >= 2;
        });
        TestContext.Out.WriteLine($"{document} {mode}: last good metadata served {served} times while {FaultyAnswers(realm, document).Result} refreshes failed");

        await SetAsync(realm, document, FaultMode.Ok);
        var (fresh, _) = await scenario.PollAsync((m, _) => m is not null && m.FetchedAt > lastGood.FetchedAt);
        fresh!.Issuer.Should().Be(good.Issuer);
    }

    [Test]
    public async Task Flapping_500s_are_ridden_out_and_each_failure_backs_off()
    {
        const string realm = "flapping";
        await _server.GetStatsAsync(realm);
        await _server.SetFaultsAsync(realm, discovery: FaultMode.Flap);
        using var scenario = new FaultScenario(_server, realm);

        var (metadata, _) = await scenario.PollAsync((m, _) => m is not null);
        var served = 0;
        await scenario.PollAsync((m, e) =>
        {
            e.Should().BeNull();
            m.Should().NotBeNull();
            served++;
            return _server.GetStatsAsync(realm).Result.DiscoveryRequests >= 8;
        });

        var stats = await _server.GetStatsAsync(realm);
        stats.Answered.Should().ContainKey("discovery:500").And.ContainKey("discovery:ok");
        metadata!.SigningKeys.Should().NotBeEmpty();
        TestContext.Out.WriteLine($"flapping: {served} calls served, {stats.DiscoveryRequests} discovery requests ({string.Join(", ", stats.Answered.Select(a => $"{a.Key}={a.Value}"))})");
    }

    private static Task SetAsync(string realm, Document document, FaultMode mode) =>
        document == Document.Discovery ? _server.SetFaultsAsync(realm, discovery: mode) : _server.SetFaultsAsync(realm, jwks: mode);

    private static async Task<int> FaultyAnswers(string realm, Document document)
    {
        var stats = await _server.GetStatsAsync(realm);
        var prefix = document == Document.Discovery ? "discovery:" : "jwks:";
        return stats.Answered.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal) && a.Key != prefix + "ok").Sum(a => a.Value);
    }
}
