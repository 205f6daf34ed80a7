using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Logout;

[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class RpInitiatedLogoutTests
{
    private static OidcProviderServer Server => SharedOidcProvider.Server;

    [Test]
    public async Task Logout_with_an_id_token_hint_redirects_to_the_post_logout_uri_with_state()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var landing = await flow.LogoutAsync(tokens.IdToken, Server.PostLogoutRedirectUri, state: "after-logout");

        landing.GetLeftPart(UriPartial.Path).Should().Be(Server.PostLogoutRedirectUri.AbsoluteUri);
        landing.Query.Should().Be("?state=after-logout");
    }

    [Test]
    public async Task After_logout_the_next_login_asks_for_credentials_again()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");
        await flow.LogoutAsync(tokens.IdToken, Server.PostLogoutRedirectUri);

        var again = await flow.AuthorizeAsync("alice", "alice");

        again.PromptedForCredentials.Should().BeTrue();
    }

    [Test]
    public async Task Logout_without_a_session_still_redirects_to_the_post_logout_uri()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("bob", "bob");
        using var otherBrowser = Server.CreateFlow();

        var landing = await otherBrowser.LogoutAsync(tokens.IdToken, Server.PostLogoutRedirectUri);

        landing.Should().Be(Server.PostLogoutRedirectUri);
    }
}
