using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>
/// While the provider hangs, hundreds of concurrent callers wait without holding threads: the thread pool does not
/// grow with them, a timer keeps firing, they all share one request, and each gets a typed timeout.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ThreadStarvationTests
{
    private const int Callers = 500;

    private FaultServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await FaultServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Callers_waiting_on_a_hanging_provider_hold_no_threads_and_share_one_request()
    {
        const string realm = "starve-cold";
        await _server.GetStatsAsync(realm);
        await _server.SetFaultsAsync(realm, discovery: FaultMode.Hang);
        using var scenario = new FaultScenario(_server, realm, d => d.Timeout = TimeSpan.FromSeconds(2));
        using var probe = new ThreadPoolProbe();

        var calls = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () => await scenario.GetAsync())).ToArray();
        var outcome = await Task.WhenAll(calls.Select(Outcome)).WaitAsync(TimeSpan.FromSeconds(30));

        outcome.Should().AllBe(DiscoveryErrorCodes.Timeout);
        probe.TimerTicks.Should().BeGreaterThan(3, "a timer callback still runs while the callers wait");
        probe.MaxThreads.Should().BeLessThanOrEqualTo(probe.StartThreads + 16, $"{Callers} waiting callers must not each hold a thread");
        (await _server.GetStatsAsync(realm)).DiscoveryRequests.Should().Be(1, "concurrent callers share one request");
        TestContext.Out.WriteLine($"cold hang: {Callers} callers, threads {probe.StartThreads} -> max {probe.MaxThreads}, timer ticks {probe.TimerTicks}");
    }

    [Test]
    public async Task Callers_during_a_hanging_refresh_get_the_last_good_metadata_at_once()
    {
        const string realm = "starve-warm";
        await _server.GetStatsAsync(realm);
        using var scenario = new FaultScenario(_server, realm, d => d.Timeout = TimeSpan.FromSeconds(2));
        var good = await scenario.WarmAsync();
        await _server.SetFaultsAsync(realm, discovery: FaultMode.Hang);
        await _server.ResetStatsAsync(realm);
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // past the refresh interval (300 ms)
        using var probe = new ThreadPoolProbe();

        var served = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () => await scenario.GetAsync()))).WaitAsync(TimeSpan.FromSeconds(30));

        served.Should().OnlyContain(m => ReferenceEquals(m, good));
        probe.MaxThreads.Should().BeLessThanOrEqualTo(probe.StartThreads + 16);
        var requests = 0;
        for (var i = 0; i < 200 && requests == 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25)); // the background refresh may not have reached the server yet
            requests = (await _server.GetStatsAsync(realm)).DiscoveryRequests;
        }

        requests.Should().Be(1, "one background refresh, whatever the number of callers");
        TestContext.Out.WriteLine($"warm hang: {Callers} callers served the last good metadata, threads {probe.StartThreads} -> max {probe.MaxThreads}");
    }

    private static async Task<string> Outcome(Task<IssuerMetadata> call)
    {
        try
        {
            await call;
            return "ok";
        }
        catch (DiscoveryException ex)
        {
            return ex.Code;
        }
    }

    /// <summary>Samples <see cref="ThreadPool.ThreadCount"/> and counts ticks of a 50 ms timer.</summary>
    private sealed class ThreadPoolProbe : IDisposable
    {
        private readonly Timer _timer;
        private int _ticks;
        private int _max;

        public ThreadPoolProbe()
        {
            StartThreads = ThreadPool.ThreadCount;
            _max = StartThreads;
            _timer = new Timer(_ => Tick(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
        }

        public int StartThreads { get; }

        public int MaxThreads => Volatile.Read(ref _max);

        public int TimerTicks => Volatile.Read(ref _ticks);

        public void Dispose() => _timer.Dispose();

        private void Tick()
        {
            Interlocked.Increment(ref _ticks);
            var now = ThreadPool.ThreadCount;
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
        }
    }
}
