using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Time.Testing;

namespace Kestra.Security.Oidc.Tests.State;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class InMemorySessionRevocationStoreTests
{
    private const string Issuer = "http://127.0.0.1:8088/realms/kestra";
    private static readonly DateTimeOffset LogoutAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(LogoutAt);

    private InMemorySessionRevocationStore Store(params SessionRevocation[] revocations)
    {
        var store = new InMemorySessionRevocationStore(_time);
        foreach (var revocation in revocations)
        {
            store.Add(revocation);
        }

        return store;
    }

    private static SessionRevocation BySid(string sid, string? sub = "alice") => new(Issuer, sid, sub, LogoutAt, LogoutAt.AddHours(24));

    private static SessionRevocation BySub(string sub) => new(Issuer, null, sub, LogoutAt, LogoutAt.AddHours(24));

    [Test]
    public void Nothing_is_revoked_in_an_empty_store() =>
        Store().Check(new SessionReference(Issuer, "s1", "alice", LogoutAt)).Should().Be(RevocationStatus.Active);

    [Test]
    public void A_revoked_sid_refuses_everything_carrying_it_whenever_it_was_issued()
    {
        var store = Store(BySid("s1"));

        store.Check(new SessionReference(Issuer, "s1", "alice", LogoutAt.AddMinutes(-5))).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, "s1", "alice", LogoutAt.AddMinutes(5))).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, "s1", null, null)).Should().Be(RevocationStatus.Revoked);
    }

    [Test]
    public void A_revoked_sid_leaves_the_other_sessions_of_the_same_user_alone()
    {
        var store = Store(BySid("s1"));

        store.Check(new SessionReference(Issuer, "s2", "alice", LogoutAt.AddMinutes(-5))).Should().Be(RevocationStatus.Active);
    }

    [Test]
    public void A_revoked_sid_also_refuses_sid_less_tokens_of_its_subject_issued_before_the_logout()
    {
        var store = Store(BySid("s1", "alice"));

        store.Check(new SessionReference(Issuer, null, "alice", LogoutAt.AddMinutes(-5))).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, null, "alice", LogoutAt)).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, null, "alice", null)).Should().Be(RevocationStatus.Revoked, "an unknown issue time counts as before");
        store.Check(new SessionReference(Issuer, null, "alice", LogoutAt.AddSeconds(1))).Should().Be(RevocationStatus.Active, "a new login after the logout");
        store.Check(new SessionReference(Issuer, null, "bob", LogoutAt.AddMinutes(-5))).Should().Be(RevocationStatus.Active);
    }

    [Test]
    public void A_revoked_sub_refuses_every_session_of_that_subject_issued_at_or_before_the_logout()
    {
        var store = Store(BySub("alice"));

        store.Check(new SessionReference(Issuer, "s1", "alice", LogoutAt.AddMinutes(-5))).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, "s2", "alice", LogoutAt)).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, null, "alice", null)).Should().Be(RevocationStatus.Revoked);
        store.Check(new SessionReference(Issuer, "s3", "alice", LogoutAt.AddSeconds(1))).Should().Be(RevocationStatus.Active, "a new login after the logout");
        store.Check(new SessionReference(Issuer, "s1", "bob", LogoutAt.AddMinutes(-5))).Should().Be(RevocationStatus.Active);
    }

    [Test]
    public void Revocations_are_per_issuer()
    {
        var store = Store(BySid("s1"), BySub("alice"));

        store.Check(new SessionReference("http://127.0.0.1:8088/realms/other", "s1", "alice", LogoutAt.AddMinutes(-5)))
            .Should().Be(RevocationStatus.Active);
    }

    [Test]
    public void Identifiers_are_compared_exactly()
    {
        var store = Store(BySid("S1"));

        store.Check(new SessionReference(Issuer, "s1", "x", LogoutAt)).Should().Be(RevocationStatus.Active);
        store.Check(new SessionReference(Issuer, "S1 ", "x", LogoutAt)).Should().Be(RevocationStatus.Active);
    }

    [Test]
    public void A_revocation_is_forgotten_after_its_retention_and_not_before()
    {
        var store = Store(BySid("s1"));
        var session = new SessionReference(Issuer, "s1", "alice", LogoutAt);

        _time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        store.Check(session).Should().Be(RevocationStatus.Revoked);
        store.RemoveExpired().Should().Be(0);

        _time.Advance(TimeSpan.FromSeconds(1));
        store.Check(session).Should().Be(RevocationStatus.Active);
        store.RemoveExpired().Should().Be(2, "the sid entry and its subject entry");
        store.Count.Should().Be(0);
    }

    [Test]
    public void Expired_revocations_are_swept_as_the_store_grows_without_anyone_calling_RemoveExpired()
    {
        var store = Store();
        for (var i = 0; i < 4096; i++)
        {
            store.Add(new SessionRevocation(Issuer, $"old-{i}", null, LogoutAt, LogoutAt.AddMinutes(2)));
        }

        _time.Advance(TimeSpan.FromMinutes(3));
        store.Add(new SessionRevocation(Issuer, "new", null, _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5)));

        store.Count.Should().Be(1);
        store.Check(new SessionReference(Issuer, "new", null, LogoutAt)).Should().Be(RevocationStatus.Revoked);
    }

    [Test]
    public void Adding_a_known_revocation_changes_nothing_and_a_later_one_extends_it()
    {
        var store = Store(BySub("alice"));

        store.Add(BySub("alice")).Should().BeFalse();
        store.Add(new SessionRevocation(Issuer, null, "alice", LogoutAt.AddMinutes(10), LogoutAt.AddHours(30))).Should().BeTrue();

        store.Check(new SessionReference(Issuer, "s9", "alice", LogoutAt.AddMinutes(5))).Should().Be(RevocationStatus.Revoked);
        _time.Advance(TimeSpan.FromHours(25));
        store.Check(new SessionReference(Issuer, "s9", "alice", LogoutAt.AddMinutes(5))).Should().Be(RevocationStatus.Revoked);
    }

    [Test]
    public void A_revocation_without_sid_and_sub_is_an_argument_error()
    {
        var act = () => Store().Add(new SessionRevocation(Issuer, null, null, LogoutAt, LogoutAt.AddHours(1)));

        act.Should().Throw<ArgumentException>().WithMessage("A revocation needs a sid or a sub.*");
    }

    [Test]
    public async Task RevokeAsync_applies_at_once_and_reports_it_shared()
    {
        var store = Store();

        (await store.RevokeAsync(BySid("s1"))).Should().BeTrue();

        store.Check(new SessionReference(Issuer, "s1", "alice", LogoutAt)).Should().Be(RevocationStatus.Revoked);
    }
}
