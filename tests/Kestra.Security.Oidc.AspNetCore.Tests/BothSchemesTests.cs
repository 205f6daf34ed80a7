using System.Net;
using Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

/// <summary>AddKestraJwtBearer and AddKestraOpenIdConnect in one app: the default scheme picks one per request.</summary>
public sealed class BothSchemesTests
{
    private static Task<TestSite> StartAsync() =>
        TestSite.StartWithBothAsync(KestraYaml.Guide(), app =>
            app.MapGet("/api/v1/flows/{namespace}", (string @namespace) => "flows of " + @namespace).RequireKestraPermission("FLOW", "READ", "namespace"));

    [Test]
    public async Task A_bearer_token_and_a_session_cookie_are_both_accepted()
    {
        await using var site = await StartAsync();
        using var api = site.NewBrowser();
        using var browser = await site.LogInAsync("alice", ["Admins"]);

        using var withToken = await api.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/company", site.Provider.AccessToken("alice", ["Admins"]));
        using var withCookie = await browser.GetAsync("/api/v1/flows/company");

        withToken.StatusCode.Should().Be(HttpStatusCode.OK);
        withCookie.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Without_credentials_a_browser_is_sent_to_login_and_a_script_gets_401_Bearer()
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/api/v1/flows/company");
        page.Headers.Accept.ParseAdd("text/html");

        using var browser = await client.SendAsync(page);
        using var script = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/company", token: null);

        browser.StatusCode.Should().Be(HttpStatusCode.Redirect);
        browser.Headers.Location!.OriginalString.Should().StartWith("/oauth/login/keycloak?returnUrl=");
        script.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        script.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }
}
