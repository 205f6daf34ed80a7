using System.Net;
using System.Text;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tests.Discovery;

/// <summary>Single-flight, refresh with jitter, and the last good document during outages, on a fake clock.</summary>
public sealed class MetadataCachingTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    [Test]
    public async Task A_thousand_concurrent_cold_callers_cause_exactly_one_request_per_document()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var document = DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json");
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, async (_, _) =>
        {
            await release.Task;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(document, Encoding.UTF8, "application/json") };
        });
        var provider = _bed.Provider;

        // Each caller joins the one in-flight fetch synchronously inside GetAsync and gets back a pending task; the
        // response is held until all 1,000 have joined (a countdown, not a guessed delay).
        const int Callers = 1000;
        using var start = new ManualResetEventSlim();
        using var joined = new CountdownEvent(Callers);
        var callers = Enumerable.Range(0, Callers)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                var pending = provider.GetAsync(DiscoveryTestbed.Client);
                var waiting = !pending.IsCompleted;
                joined.Signal();
                return (Waiting: waiting, Metadata: await pending);
            }))
            .ToArray();
        start.Set();
        joined.Wait(TimeSpan.FromMinutes(1)).Should().BeTrue("every caller reaches the cache");
        release.SetResult();
        var outcomes = await Task.WhenAll(callers);
        outcomes.Should().OnlyContain(o => o.Waiting, "no caller got an answer before the one response was released");
        var results = outcomes.Select(o => o.Metadata).ToArray();

        _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(1);
        _bed.Http.CountFor(DiscoveryTestbed.JwksUrl).Should().Be(1);
        results.Distinct().Should().ContainSingle();
    }

    [Test]
    public async Task Metadata_is_served_from_the_cache_until_the_jittered_refresh_interval()
    {
        var first = await _bed.GetAsync();

        _bed.Time.Advance(Hour * 0.89);
        (await _bed.GetAsync()).Should().BeSameAs(first);

        _bed.Http.Requests.Should().HaveCount(2, "one discovery document and one JWKS");
    }

    [Test]
    public async Task A_stale_document_is_served_while_one_background_refresh_runs()
    {
        var first = await _bed.GetAsync();
        _bed.Time.Advance(Hour);

        var stale = await _bed.GetAsync();
        await _bed.SettleAsync();
        var refreshed = await _bed.GetAsync();

        stale.Should().BeSameAs(first);
        refreshed.FetchedAt.Should().Be(first.FetchedAt + Hour);
        _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl).Should().Be(2);
    }

    [Test]
    public async Task During_an_outage_the_last_good_document_keeps_serving_and_refreshes_back_off()
    {
        var good = await _bed.GetAsync();
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{}", HttpStatusCode.BadGateway);
        _bed.Time.Advance(Hour);

        (await _bed.GetAsync()).Should().BeSameAs(good);
        await _bed.SettleAsync();
        Attempts().Should().Be(2);

        await ExpectNoAttemptFor(TimeSpan.FromSeconds(29), good);
        await ExpectAttemptAfter(TimeSpan.FromSeconds(1), good, 3);
        await ExpectNoAttemptFor(TimeSpan.FromSeconds(59), good);
        await ExpectAttemptAfter(TimeSpan.FromSeconds(1), good, 4);
        await ExpectNoAttemptFor(TimeSpan.FromSeconds(119), good);
        await ExpectAttemptAfter(TimeSpan.FromSeconds(1), good, 5);

        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));
        _bed.Time.Advance(TimeSpan.FromSeconds(240));
        (await _bed.GetAsync()).Should().BeSameAs(good);
        await _bed.SettleAsync();
        (await _bed.GetAsync()).Should().NotBeSameAs(good);
    }

    [Test]
    public void The_outage_back_off_doubles_up_to_the_refresh_interval()
    {
        var backOffs = Enumerable.Range(1, 10).Select(BackOff).ToList();

        backOffs.Take(4).Should().Equal(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240));
        backOffs.Last().Should().Be(Hour);
    }

    [Test]
    public async Task A_cold_failure_is_not_retried_before_the_back_off()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{}", HttpStatusCode.InternalServerError);

        await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();
        await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>().WithMessage("KSO5005*");
        Attempts().Should().Be(1);

        _bed.Time.Advance(TimeSpan.FromSeconds(30));
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"));
        (await _bed.GetAsync()).Issuer.Should().Be(DiscoveryTestbed.Issuer);
        Attempts().Should().Be(2);
    }

    private static TimeSpan BackOff(int failures)
    {
        var options = new Kestra.Security.Oidc.Configuration.DiscoveryOptions();
        var cache = new ClientMetadataCache(null!, options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return cache.BackOff(failures);
    }

    private int Attempts() => _bed.Http.CountFor(DiscoveryTestbed.DiscoveryUrl);

    private async Task ExpectNoAttemptFor(TimeSpan wait, IssuerMetadata good)
    {
        var before = Attempts();
        _bed.Time.Advance(wait);
        (await _bed.GetAsync()).Should().BeSameAs(good);
        await _bed.SettleAsync();
        Attempts().Should().Be(before);
    }

    private async Task ExpectAttemptAfter(TimeSpan wait, IssuerMetadata good, int attempts)
    {
        _bed.Time.Advance(wait);
        (await _bed.GetAsync()).Should().BeSameAs(good);
        await _bed.SettleAsync();
        Attempts().Should().Be(attempts);
    }
}
