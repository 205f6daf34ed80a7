using System.Net;
using Kestra.Security.Oidc.State;
using static Kestra.Security.Oidc.AspNetCore.Tests.Logout.RevocationTestSite;

namespace Kestra.Security.Oidc.AspNetCore.Tests.Logout;

/// <summary>AddKestraSharedState makes every Cookie and JwtBearer scheme refuse revoked sessions (SPEC §9).</summary>
public sealed class RevocationHooksTests
{
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Test]
    public async Task A_bearer_token_whose_sid_was_revoked_is_refused_with_invalid_token()
    {
        await using var site = await StartAsync();
        var token = Token("sid-1", "alice", Now.AddMinutes(-1));
        (await site.WhoAmIWithBearerAsync(token)).StatusCode.Should().Be(HttpStatusCode.OK);

        await site.Store.RevokeAsync(Revocation("sid-1", "alice"));

        using var refused = await site.WhoAmIWithBearerAsync(token);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        (await site.WhoAmIWithBearerAsync(Token("sid-2", "alice", Now.AddMinutes(-1)))).StatusCode.Should().Be(HttpStatusCode.OK, "another session goes on");
    }

    [Test]
    public async Task A_bearer_token_of_a_revoked_sub_is_refused_until_the_user_logs_in_again()
    {
        await using var site = await StartAsync();
        await site.Store.RevokeAsync(Revocation(null, "alice"));

        (await site.WhoAmIWithBearerAsync(Token(null, "alice", Now.AddMinutes(-1)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await site.WhoAmIWithBearerAsync(Token("sid-9", "alice", Now.AddMinutes(1)))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await site.WhoAmIWithBearerAsync(Token(null, "bob", Now.AddMinutes(-1)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_cookie_session_whose_sid_was_revoked_is_no_longer_authenticated_and_its_cookie_is_removed()
    {
        await using var site = await StartAsync();
        var cookie = await site.LoginAsync("sid-1", "alice");
        (await site.WhoAmIWithCookieAsync(cookie)).StatusCode.Should().Be(HttpStatusCode.OK);

        await site.Store.RevokeAsync(Revocation("sid-1", null));

        using var refused = await site.WhoAmIWithCookieAsync(cookie);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.GetValues("Set-Cookie").Should().ContainSingle().Which.Should().Contain("expires=Thu, 01 Jan 1970");
    }

    [Test]
    public async Task A_cookie_session_opened_after_a_logout_of_its_subject_is_accepted()
    {
        await using var site = await StartAsync();
        var now = Now;
        await site.Store.RevokeAsync(new Kestra.Security.Oidc.State.SessionRevocation(Issuer, null, "carol", now.AddSeconds(-5), now.AddHours(1)));

        var cookie = await site.LoginAsync("sid-new", "carol");

        (await site.WhoAmIWithCookieAsync(cookie)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie has no iat claim: its issue time tells it is newer than the logout");
    }

    [Test]
    public async Task With_fail_closed_and_the_store_unavailable_requests_are_refused()
    {
        await using var site = await StartAsync(new UnavailableStore());

        using var refused = await site.WhoAmIWithBearerAsync(Token("sid-1", "alice", Now.AddMinutes(-1)));

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
    }

    private sealed class UnavailableStore : ISessionRevocationStore
    {
        public ValueTask<bool> RevokeAsync(SessionRevocation revocation, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public RevocationStatus Check(in SessionReference session) => RevocationStatus.Unavailable;
    }
}
