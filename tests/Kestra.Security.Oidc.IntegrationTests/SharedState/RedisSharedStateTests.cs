using System.Diagnostics;
using System.Text;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.State;
using StackExchange.Redis;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>Two instances (two hosts, two Redis connections) sharing one real redis-server on 127.0.0.1.</summary>
[TestFixture]
public sealed class RedisSharedStateTests
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis() => _redis = await RedisServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    [Test]
    public async Task A_revocation_at_one_instance_reaches_the_other_without_a_round_trip_per_check()
    {
        await using var a = await SharedStateInstance.StartAsync(_redis.Endpoint);
        await using var b = await SharedStateInstance.StartAsync(_redis.Endpoint);
        var issuer = NewIssuer();
        var session = new SessionReference(issuer, "sid-1", "alice", Now.AddMinutes(-1));
        b.Revocations.Check(session).Should().Be(RevocationStatus.Active);

        var watch = Stopwatch.StartNew();
        (await a.Revocations.RevokeAsync(Revocation(issuer, "sid-1", "alice"))).Should().BeTrue("Redis is up: the revocation is shared");
        await Eventually.Async(() => b.Revocations.Check(session) == RevocationStatus.Revoked, "the revocation at instance B");
        TestContext.Out.WriteLine($"A -> B propagation (revoke call to first revoked check at B): {watch.Elapsed.TotalMilliseconds:F1} ms");

        b.Revocations.Check(session with { SessionId = "sid-2" }).Should().Be(RevocationStatus.Active, "another session of alice is not revoked");
    }

    [Test]
    public async Task A_logout_token_id_accepted_at_one_instance_is_refused_at_the_other()
    {
        await using var a = await SharedStateInstance.StartAsync(_redis.Endpoint);
        await using var b = await SharedStateInstance.StartAsync(_redis.Endpoint);
        var key = $"{NewIssuer()}|kestra|jti-1";

        (await a.ReplayCache.TryAcceptAsync(key, Now.AddMinutes(2))).Should().Be(ReplayCheck.Accepted);
        (await b.ReplayCache.TryAcceptAsync(key, Now.AddMinutes(2))).Should().Be(ReplayCheck.Replayed);
        (await a.ReplayCache.TryAcceptAsync(key, Now.AddMinutes(2))).Should().Be(ReplayCheck.Replayed);
    }

    [Test]
    public async Task Of_many_concurrent_uses_of_one_id_on_two_instances_exactly_one_is_accepted()
    {
        await using var a = await SharedStateInstance.StartAsync(_redis.Endpoint);
        await using var b = await SharedStateInstance.StartAsync(_redis.Endpoint);
        var key = $"{NewIssuer()}|kestra|jti-race";

        var attempts = Enumerable.Range(0, 40)
            .Select(i => (i % 2 == 0 ? a : b).ReplayCache.TryAcceptAsync(key, Now.AddMinutes(2)).AsTask());
        var results = await Task.WhenAll(attempts);

        results.Count(r => r == ReplayCheck.Accepted).Should().Be(1);
    }

    [Test]
    public async Task A_missed_publication_is_recovered_by_the_periodic_resync()
    {
        await using var b = await SharedStateInstance.StartAsync(_redis.Endpoint, resyncInterval: TimeSpan.FromSeconds(1));
        var issuer = NewIssuer();
        var session = new SessionReference(issuer, "sid-missed", "bob", Now.AddMinutes(-1));

        // Written to the shared set without the publication, as if B had missed the message.
        await using (var raw = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint))
        {
            var member = $"[1,\"{issuer}\",\"sid-missed\",\"bob\",{Now.ToUnixTimeMilliseconds()},{Now.AddHours(1).ToUnixTimeMilliseconds()}]";
            await raw.GetDatabase().SortedSetAddAsync("kestra-security-oidc:revocations", member, Now.AddHours(1).ToUnixTimeMilliseconds());
        }

        await Eventually.Async(() => b.Revocations.Check(session) == RevocationStatus.Revoked, "the resync at instance B");
    }

    [Test]
    public async Task The_library_distributed_cache_is_shared_through_redis()
    {
        await using var a = await SharedStateInstance.StartAsync(_redis.Endpoint);
        await using var b = await SharedStateInstance.StartAsync(_redis.Endpoint);
        var key = $"introspection:{Guid.NewGuid():N}";

        await a.Cache.SetAsync(key, Encoding.UTF8.GetBytes("cached"), new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });

        Encoding.UTF8.GetString((await b.Cache.GetAsync(key))!).Should().Be("cached");
    }

    internal static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    internal static string NewIssuer() => $"http://127.0.0.1/realms/{Guid.NewGuid():N}";

    internal static SessionRevocation Revocation(string issuer, string? sid, string? sub) =>
        new(issuer, sid, sub, Now, Now.AddHours(1));
}
