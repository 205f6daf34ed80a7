using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.State;
using static Kestra.Security.Oidc.IntegrationTests.SharedState.RedisSharedStateTests;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>Redis killed mid-run (SIGKILL) and started again: nothing throws, and <c>fail-closed</c> decides what checks answer.</summary>
[TestFixture]
public sealed class RedisOutageTests
{
    private const int RedisLost = 8502;
    private const int Resynchronised = 8504;

    [Test]
    public async Task Fail_open_keeps_applying_known_revocations_and_shares_the_ones_made_during_the_outage_when_redis_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await SharedStateInstance.StartAsync(redis.Endpoint, failClosed: false);
        await using var b = await SharedStateInstance.StartAsync(redis.Endpoint, failClosed: false);
        var issuer = NewIssuer();
        var before = new SessionReference(issuer, "sid-before", "alice", Now.AddMinutes(-1));
        var during = new SessionReference(issuer, "sid-during", "bob", Now.AddMinutes(-1));
        await a.Revocations.RevokeAsync(Revocation(issuer, "sid-before", "alice"));
        await Eventually.Async(() => b.Revocations.Check(before) == RevocationStatus.Revoked, "the first revocation at B");

        await redis.KillAsync();
        await a.WaitForLogAsync(RedisLost);
        await b.WaitForLogAsync(RedisLost);

        b.Revocations.Check(before).Should().Be(RevocationStatus.Revoked, "the last known revocations keep being applied");
        b.Revocations.Check(during).Should().Be(RevocationStatus.Active, "fail-open: requests are not refused");
        (await a.Revocations.RevokeAsync(Revocation(issuer, "sid-during", "bob"))).Should().BeFalse("Redis is down: kept locally for now");
        a.Revocations.Check(during).Should().Be(RevocationStatus.Revoked, "applied at once on the instance that received it");
        (await a.ReplayCache.TryAcceptAsync($"{issuer}|jti", Now.AddMinutes(2))).Should().Be(ReplayCheck.Accepted, "checked locally during the outage");
        (await a.ReplayCache.TryAcceptAsync($"{issuer}|jti", Now.AddMinutes(2))).Should().Be(ReplayCheck.Replayed);

        await redis.RestartAsync();

        await Eventually.Async(() => b.Revocations.Check(during) == RevocationStatus.Revoked, "the outage's revocation at B after Redis is back");
    }

    [Test]
    public async Task Fail_closed_refuses_checks_while_redis_is_down_and_resumes_after_the_resync()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await SharedStateInstance.StartAsync(redis.Endpoint, failClosed: true);
        var session = new SessionReference(NewIssuer(), "sid-1", "alice", Now.AddMinutes(-1));
        a.Revocations.Check(session).Should().Be(RevocationStatus.Active);

        await redis.KillAsync();
        await Eventually.Async(() => a.Revocations.Check(session) == RevocationStatus.Unavailable, "fail-closed refusal after Redis was killed");
        await a.WaitForLogAsync(RedisLost);

        await redis.RestartAsync();
        await Eventually.Async(() => a.Revocations.Check(session) == RevocationStatus.Active, "checks answered again after the resync");
        await a.WaitForLogAsync(Resynchronised);
    }

    [TestCase(false, RevocationStatus.Active)]
    [TestCase(true, RevocationStatus.Unavailable)]
    public async Task A_host_starts_when_redis_is_unreachable_and_answers_as_configured(bool failClosed, RevocationStatus expected)
    {
        var nobody = $"127.0.0.1:{RedisServer.FreePort()}";

        await using var a = await SharedStateInstance.StartAsync(nobody, failClosed);

        a.Revocations.Check(new SessionReference(NewIssuer(), "sid", "alice", Now)).Should().Be(expected);
        (await a.Revocations.RevokeAsync(Revocation(NewIssuer(), "sid", "alice"))).Should().BeFalse();
    }
}
