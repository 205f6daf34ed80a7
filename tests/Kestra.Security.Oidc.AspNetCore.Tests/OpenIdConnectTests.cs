using System.Net;
using Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

/// <summary>AddKestraOpenIdConnect on TestServer: Kestra's routes, the code flow, the library's discovery and validator, logout.</summary>
public sealed class OpenIdConnectTests
{
    private static Task<TestSite> StartAsync(string? yaml = null) =>
        TestSite.StartWithOpenIdConnectAsync(yaml ?? KestraYaml.Guide(), app =>
        {
            app.MapGet("/", (HttpContext http) => http.GetKestraResolution() is { } r ? $"{r.PreferredUsername}: {string.Join(',', r.Groups)} ({r.SourceName})" : "anonymous");
            app.MapGet("/me", (HttpContext http) => string.Join(',', http.User.FindAll(KestraClaimTypes.Group).Select(c => c.Value))).RequireAuthorization();
            app.MapGet("/tokens", async (HttpContext http) => { var r = await http.AuthenticateAsync(); return string.Join(",", r.Properties!.GetTokens().Select(t => t.Name)); });
        });

    [Test]
    public async Task Login_challenges_the_provider_with_the_code_flow_PKCE_and_Kestras_redirect_uri()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/oauth/login/keycloak");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(TestProvider.Issuer + "/protocol/openid-connect/auth");
        var query = QueryHelpers.ParseQuery(location.Query);
        query["response_type"].ToString().Should().Be("code");
        query["client_id"].ToString().Should().Be("kestra");
        query["redirect_uri"].ToString().Should().Be("http://localhost/oauth/callback/keycloak");
        query["scope"].ToString().Should().Be("openid profile email roles");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["nonce"].ToString().Should().HaveLength(43);
        query.Should().NotContainKey("response_mode").And.NotContainKey("x-client-SKU");
    }

    [Test]
    public async Task A_login_resolves_the_groups_of_the_ID_token_and_keeps_only_the_ID_token_in_the_session()
    {
        await using var site = await StartAsync();
        using var browser = await site.LogInAsync("alice", ["Admins", "Developers"]);

        using var home = await browser.GetAsync("/");
        using var tokens = await browser.GetAsync("/tokens");

        (await home.Content.ReadAsStringAsync()).Should().Be("alice: Admins,Developers (groups)");
        tokens.StatusCode.Should().Be(HttpStatusCode.OK, await tokens.Content.ReadAsStringAsync());
        (await tokens.Content.ReadAsStringAsync()).Should().Be("id_token", "the access token is not kept in the cookie");
        site.Provider.LastTokenRequestBody.Should().Contain("code_verifier=").And.Contain("grant_type=authorization_code");
        browser.Cookies.GetCookies(new Uri("http://localhost/"))[".Kestra.Session"].Should().NotBeNull();
    }

    [Test]
    public async Task A_user_without_groups_gets_the_default_role()
    {
        await using var site = await StartAsync();
        using var browser = await site.LogInAsync("bob", []);

        using var home = await browser.GetAsync("/");

        (await home.Content.ReadAsStringAsync()).Should().Be("bob:  (default-role)");
    }

    [Test]
    public async Task An_anonymous_browser_is_sent_to_the_login_route_and_an_anonymous_script_gets_401()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        using var page = await browser.GetAsync("/me");
        using var script = await browser.GetAsync("/me", xhr: true);

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().Be("/oauth/login/keycloak?returnUrl=%2Fme");
        script.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task With_require_groups_a_user_without_groups_is_refused_403_and_gets_no_session()
    {
        await using var site = await StartAsync(KestraYaml.Guide().Replace("kestra-security-oidc:\n", "kestra-security-oidc:\n  require-groups: true\n", StringComparison.Ordinal));
        using var browser = site.NewBrowser();
        using var login = await browser.GetAsync("/oauth/login/keycloak");
        var query = QueryHelpers.ParseQuery(login.Headers.Location!.Query);
        site.Provider.NextIdToken = site.Provider.IdToken("bob", [], query["nonce"]);

        using var callback = await browser.GetAsync($"/oauth/callback/keycloak?code=x&state={Uri.EscapeDataString(query["state"]!)}");

        callback.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await callback.Content.ReadAsStringAsync()).Should().Contain("KSO4010");
        browser.Cookies.GetCookies(new Uri("http://localhost/"))[".Kestra.Session"].Should().BeNull();
    }

    [Test]
    public async Task An_edited_YAML_file_changes_the_next_challenge()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        await File.WriteAllTextAsync(site.ConfigPath, KestraYaml.Guide().Replace("\"roles\"]", "\"roles\", \"offline_access\"]", StringComparison.Ordinal));

        string scope;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            await Task.Delay(50, timeout.Token);
            using var response = await browser.GetAsync("/oauth/login/keycloak");
            scope = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["scope"].ToString();
        }
        while (!scope.EndsWith("offline_access", StringComparison.Ordinal));

        scope.Should().Be("openid profile email roles offline_access");
    }

    [Test]
    public async Task Without_a_client_name_several_enabled_clients_fail_at_start_naming_them()
    {
        var yaml = KestraYaml.Guide().Replace("    endpoints:\n", $"        github:\n          client-id: gh\n          openid:\n            issuer: \"{TestProvider.Issuer}\"\n    endpoints:\n", StringComparison.Ordinal);

        var start = () => StartAsync(yaml);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*KSO8006*keycloak, github*AddKestraOpenIdConnect(\"keycloak\")*");
    }

    [Test]
    public async Task An_unknown_provider_is_404_with_a_code()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/oauth/login/github");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("KSO8001").And.Contain("'github'");
    }

    [Test]
    public async Task A_callback_with_a_state_this_site_did_not_issue_is_400()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/oauth/callback/keycloak?code=x&state=made-up");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("KSO8002").And.Contain("Unknown or expired state");
        site.Provider.TokenRequests.Should().Be(0);
    }

    [Test]
    public async Task An_ID_token_the_library_rejects_ends_the_login_with_401_naming_the_check()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();
        using var login = await browser.GetAsync("/oauth/login/keycloak");
        var query = QueryHelpers.ParseQuery(login.Headers.Location!.Query);
        site.Provider.NextIdToken = site.Provider.IdToken("alice", ["Admins"], query["nonce"], audience: "someone-else");

        using var callback = await browser.GetAsync($"/oauth/callback/keycloak?code=x&state={Uri.EscapeDataString(query["state"]!)}");

        callback.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await callback.Content.ReadAsStringAsync()).Should().Contain("KSO5108").And.Contain("someone-else");
        browser.Cookies.GetCookies(new Uri("http://localhost/"))[".Kestra.Session"].Should().BeNull();
    }

    [Test]
    public async Task An_error_from_the_provider_is_401_with_its_description()
    {
        await using var site = await StartAsync();
        using var browser = site.NewBrowser();
        using var login = await browser.GetAsync("/oauth/login/keycloak");
        var state = QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"];

        using var callback = await browser.GetAsync($"/oauth/callback/keycloak?error=access_denied&error_description=the+user+said+no&state={Uri.EscapeDataString(state!)}");

        callback.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await callback.Content.ReadAsStringAsync()).Should().Contain("access_denied").And.Contain("the user said no");
    }

    [Test]
    public async Task Discovery_goes_through_the_library_so_a_document_for_another_issuer_is_refused()
    {
        await using var site = await StartAsync();
        site.Provider.DiscoveryIssuer = "http://127.0.0.1:9/realms/other";
        using var browser = site.NewBrowser();

        using var response = await browser.GetAsync("/oauth/login/keycloak");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).Should().Contain("KSO5003");
    }

    [Test]
    public async Task OpenId_logout_ends_the_session_and_redirects_to_Keycloak_end_session_with_the_hint()
    {
        await using var site = await StartAsync();
        using var browser = await site.LogInAsync("alice", ["Admins"]);

        using var response = await browser.GetAsync("/oauth/logout");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(TestProvider.Issuer + "/protocol/openid-connect/logout");
        var query = QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().Should().Be("kestra");
        query["post_logout_redirect_uri"].ToString().Should().Be("http://localhost/logout");
        query["id_token_hint"].ToString().Split('.').Should().HaveCount(3);
        query.Should().NotContainKey("redirect_uri");
        browser.Cookies.GetCookies(new Uri("http://localhost/"))[".Kestra.Session"].Should().BeNull();
    }

    [TestCase(true, HttpStatusCode.Redirect)]
    [TestCase(false, HttpStatusCode.MethodNotAllowed)]
    public async Task Logout_by_GET_follows_get_allowed(bool getAllowed, HttpStatusCode expected)
    {
        await using var site = await StartAsync(KestraYaml.Guide(getAllowed));
        using var browser = await site.LogInAsync("alice", ["Admins"]);

        using var response = await browser.GetAsync("/logout");

        response.StatusCode.Should().Be(expected);
        var session = browser.Cookies.GetCookies(new Uri("http://localhost/"))[".Kestra.Session"];
        (session is null).Should().Be(getAllowed);
    }

    [Test]
    public async Task The_claims_transformation_adds_the_Kestra_claims_once_however_often_it_runs()
    {
        await using var site = await TestSite.StartWithOpenIdConnectAsync(KestraYaml.Guide(), app =>
            app.MapGet("/twice", async (HttpContext http, IClaimsTransformation transformation) =>
            {
                var again = await http.AuthenticateAsync();             // the handler's cached ticket, transformed again
                var thrice = await transformation.TransformAsync(http.User);
                return string.Join(' ', new[] { http.User, again.Principal!, thrice }.Select(p => p.FindAll(KestraClaimTypes.Group).Count() + "/" + p.FindAll(KestraClaimTypes.Role).Count()));
            }));
        using var browser = await site.LogInAsync("alice", ["Admins", "Developers"]);

        using var response = await browser.GetAsync("/twice");

        (await response.Content.ReadAsStringAsync()).Should().Be("2/1 2/1 2/1");
    }
}
