using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Time.Testing;

namespace Kestra.Security.Oidc.Tests.State;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class InMemoryReplayCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Test]
    public void The_first_use_is_accepted_and_the_second_refused()
    {
        var cache = new InMemoryReplayCache(_time);

        cache.TryAccept("jti-1", Start.AddMinutes(2)).Should().Be(ReplayCheck.Accepted);
        cache.TryAccept("jti-1", Start.AddMinutes(2)).Should().Be(ReplayCheck.Replayed);
        cache.TryAccept("jti-2", Start.AddMinutes(2)).Should().Be(ReplayCheck.Accepted);
    }

    [Test]
    public void An_identifier_is_remembered_until_its_expiry()
    {
        var cache = new InMemoryReplayCache(_time);
        cache.TryAccept("jti-1", Start.AddMinutes(2));

        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromTicks(1));
        cache.TryAccept("jti-1", Start.AddMinutes(4)).Should().Be(ReplayCheck.Replayed);

        _time.Advance(TimeSpan.FromTicks(1));
        cache.TryAccept("jti-1", Start.AddMinutes(4)).Should().Be(ReplayCheck.Accepted, "the token it came from has expired and cannot be presented again");
    }

    [Test]
    public async Task Of_concurrent_uses_of_one_identifier_exactly_one_is_accepted()
    {
        var cache = new InMemoryReplayCache(_time);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return cache.TryAccept("jti-race", Start.AddMinutes(2));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r == ReplayCheck.Accepted).Should().Be(1);
    }

    [Test]
    public void Expired_identifiers_are_swept_as_the_cache_grows()
    {
        var cache = new InMemoryReplayCache(_time);
        for (var i = 0; i < 4096; i++)
        {
            cache.TryAccept($"old-{i}", Start.AddMinutes(2));
        }

        _time.Advance(TimeSpan.FromMinutes(3));
        cache.TryAccept("new", Start.AddMinutes(5));

        cache.Count.Should().Be(1);
    }
}
