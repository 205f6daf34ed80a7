using System.Net;
using Kestra.Security.Oidc.EndToEndTests.Infrastructure;

namespace Kestra.Security.Oidc.EndToEndTests.Routes;

/// <summary>The web sample's Kestra routes at the HTTP level, against the shared site (<c>get-allowed: true</c>).</summary>
[Category("E2E")]
public sealed class SsoRouteTests
{
    private static KestraSite Site => SharedSite.Site;

    [Test]
    public async Task Login_redirects_to_the_authorization_endpoint_with_the_code_flow_PKCE_state_and_nonce()
    {
        using var user = new HttpUser();
        using var response = await user.GetAsync(Site.At("/oauth/login/keycloak"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be($"{Site.Provider.Issuer}/protocol/openid-connect/auth");
        var query = Query.Parse(location);
        query["response_type"].Should().Be("code");
        query["client_id"].Should().Be("kestra");
        query["redirect_uri"].Should().Be(Site.At("/oauth/callback/keycloak").AbsoluteUri);
        query["scope"].Should().Be("openid profile email roles");
        query["code_challenge_method"].Should().Be("S256");
        query["code_challenge"].Should().HaveLength(43);
        query["nonce"].Should().HaveLength(43);
        query["state"].Should().NotBeNullOrEmpty();
        query.Should().NotContainKey("response_mode");

        // ASP.NET Core's OpenIdConnect handler ties the state and the nonce to this browser with two cookies, sent only to the
        // callback: HTTP-only and SameSite=Lax (its default, None, is dropped by browsers without Secure, and Kestra may run on plain HTTP).
        user.Cookies.GetCookies(Site.Url).Should().BeEmpty();
        var cookies = user.Cookies.GetCookies(Site.At("/oauth/callback/keycloak"));
        cookies.Select(c => c.Name).Should().Contain(n => n.StartsWith(".Kestra.Oidc.Correlation.", StringComparison.Ordinal))
            .And.Contain(n => n.StartsWith(".Kestra.Oidc.Nonce.", StringComparison.Ordinal));
        cookies.Should().OnlyContain(c => c.HttpOnly);
        response.Headers.GetValues("Set-Cookie").Should().HaveCount(2).And.OnlyContain(c => c.Contains("samesite=lax"));
    }

    [TestCase("/me", "/me")]
    [TestCase("//evil.example/", "/")]
    [TestCase("/\t/evil.example/", "/")]
    [TestCase("https://evil.example/", "/")]
    public async Task After_login_the_browser_returns_only_to_a_local_path(string returnUrl, string expectedPath)
    {
        using var user = new HttpUser();
        using var page = await user.FollowAndLogInAsync(
            Query.Append(Site.At("/oauth/login/keycloak"), new Dictionary<string, string> { ["returnUrl"] = returnUrl }), "bob", "bob");

        page.RequestMessage!.RequestUri.Should().Be(Site.At(expectedPath));
    }

    [Test]
    public async Task Login_with_an_unknown_provider_is_not_found()
    {
        using var user = new HttpUser();
        using var response = await user.GetAsync(Site.At("/oauth/login/github"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Me_sends_an_anonymous_user_to_the_login_route_of_the_only_client()
    {
        using var user = new HttpUser();
        using var response = await user.GetAsync(Site.At("/me"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/oauth/login/keycloak?returnUrl=%2Fme");
    }

    [TestCase("GET")]
    [TestCase("POST")]
    public async Task A_callback_with_an_unknown_state_is_rejected(string method)
    {
        using var user = new HttpUser();
        var parameters = new Dictionary<string, string> { ["code"] = "made-up", ["state"] = "not-a-state-this-sample-issued" };
        using var response = method == "GET"
            ? await user.GetAsync(Query.Append(Site.At("/oauth/callback/keycloak"), parameters))
            : await user.PostAsync(Site.At("/oauth/callback/keycloak"), parameters);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Unknown or expired state");
    }

    [Test]
    public async Task An_error_from_the_provider_opens_no_session()
    {
        using var user = new HttpUser();
        using var login = await user.GetAsync(Site.At("/oauth/login/keycloak"));
        var state = Query.Parse(login.Headers.Location!)["state"];

        using var response = await user.GetAsync(Query.Append(
            Site.At("/oauth/callback/keycloak"),
            new Dictionary<string, string> { ["error"] = "access_denied", ["error_description"] = "the user said no", ["state"] = state }));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("access_denied").And.Contain("the user said no");
        user.Cookies.GetCookies(Site.Url)[".Kestra.Session"].Should().BeNull();
    }

    [Test]
    public async Task OpenId_logout_redirects_to_the_end_session_endpoint_with_the_id_token_hint_and_ends_the_local_session()
    {
        using var user = new HttpUser();
        using (var me = await user.FollowAndLogInAsync(Site.At("/me"), "bob", "bob"))
        {
            me.RequestMessage!.RequestUri.Should().Be(Site.At("/me"));
        }

        using var response = await user.GetAsync(Site.At("/oauth/logout"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be($"{Site.Provider.Issuer}/protocol/openid-connect/logout");
        var query = Query.Parse(location);
        query["client_id"].Should().Be("kestra");
        query["post_logout_redirect_uri"].Should().Be(Site.At("/logout").AbsoluteUri);
        query["id_token_hint"].Split('.').Should().HaveCount(3, "the ID token of the session is the hint");
        query.Should().NotContainKey("redirect_uri", "Keycloak 18+ removed it");
        user.Cookies.GetCookies(Site.Url)[".Kestra.Session"].Should().BeNull();
    }

    [Test]
    public async Task Logout_by_GET_is_allowed_with_get_allowed_true_and_goes_home()
    {
        using var user = new HttpUser();
        using (await user.FollowAndLogInAsync(Site.At("/me"), "alice", "alice"))
        {
            user.Cookies.GetCookies(Site.Url)[".Kestra.Session"].Should().NotBeNull();
        }

        using var response = await user.GetAsync(Site.At("/logout"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
        user.Cookies.GetCookies(Site.Url)[".Kestra.Session"].Should().BeNull();
    }
}
