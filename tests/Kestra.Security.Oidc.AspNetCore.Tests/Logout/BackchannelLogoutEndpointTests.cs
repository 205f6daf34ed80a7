using System.Net;
using System.Text.Json;
using static Kestra.Security.Oidc.AspNetCore.Tests.Logout.RevocationTestSite;

namespace Kestra.Security.Oidc.AspNetCore.Tests.Logout;

/// <summary><c>MapKestraBackchannelLogout</c> on TestServer, with the provider's discovery and keys in memory (SPEC §9).</summary>
public sealed class BackchannelLogoutEndpointTests
{
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("error").GetString().Should().Be("invalid_request");
        return json.RootElement.GetProperty("error_description").GetString()!;
    }

    [Test]
    public async Task A_valid_logout_token_is_answered_200_and_ends_the_session_for_bearer_tokens()
    {
        await using var site = await StartAsync();
        var accessToken = Token("sid-1", "alice", Now.AddMinutes(-1));
        (await site.WhoAmIWithBearerAsync(accessToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var response = await site.PostLogoutAsync(InMemoryProvider.LogoutToken("sid-1", "alice"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await site.WhoAmIWithBearerAsync(accessToken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await site.WhoAmIWithBearerAsync(Token("sid-2", "alice", Now.AddMinutes(-1)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_logout_token_without_sid_ends_every_earlier_session_of_the_subject_including_cookies()
    {
        await using var site = await StartAsync();
        var cookie = await site.LoginAsync("sid-7", "bob");

        (await site.PostLogoutAsync(InMemoryProvider.LogoutToken(sid: null, sub: "bob"))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await site.WhoAmIWithCookieAsync(cookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_replayed_logout_token_is_refused()
    {
        await using var site = await StartAsync();
        var token = InMemoryProvider.LogoutToken();
        (await site.PostLogoutAsync(token)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var replay = await site.PostLogoutAsync(token);

        (await RefusalAsync(replay)).Should().Be("KSO5133: this logout token ('jti') was accepted before; a logout token is accepted once");
    }

    [Test]
    public async Task An_invalid_logout_token_is_refused_with_the_failed_check_and_revokes_nothing()
    {
        await using var site = await StartAsync();
        var accessToken = Token("sid-1", "alice", Now.AddMinutes(-1));

        using var response = await site.PostLogoutAsync(InMemoryProvider.LogoutToken(edit: c => c["nonce"] = "n-1"));

        (await RefusalAsync(response)).Should().Be("KSO5114: the token carries a 'nonce': a logout token never does (this looks like an ID token)");
        (await site.WhoAmIWithBearerAsync(accessToken)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_request_without_logout_token_is_refused()
    {
        await using var site = await StartAsync();

        using var response = await site.PostLogoutAsync(null);

        (await RefusalAsync(response)).Should().Be("KSO8521: expected a form (application/x-www-form-urlencoded, at most 64 KiB) with exactly one 'logout_token'");
    }

    [Test]
    public async Task A_json_body_is_refused()
    {
        await using var site = await StartAsync();

        using var response = await site.Client.PostAsync("/oauth/backchannel-logout/keycloak", new StringContent("{\"logout_token\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));

        (await RefusalAsync(response)).Should().StartWith("KSO8521: ");
    }

    [Test]
    public async Task An_unknown_client_is_refused()
    {
        await using var site = await StartAsync();

        using var response = await site.PostLogoutAsync(InMemoryProvider.LogoutToken(), client: "grafana");

        (await RefusalAsync(response)).Should().Be("KSO8520: there is no enabled client 'grafana' under 'micronaut.security.oauth2.clients'");
    }

    [Test]
    public async Task Only_POST_is_served()
    {
        await using var site = await StartAsync();

        using var response = await site.Client.GetAsync("/oauth/backchannel-logout/keycloak");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }
}
