using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Login;

/// <summary>What a real login puts in the ID token: the Keycloak claims the library reads.</summary>
[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class IdTokenClaimsTests
{
    private static OidcProviderServer Server => SharedOidcProvider.Server;

    [Test]
    public async Task Alice_gets_the_kestra_client_roles_in_resource_access()
    {
        var token = await LoginAsync("alice");

        Strings(token.Payload, "resource_access", "kestra", "roles").Should().Equal("Admins", "Developers");
        Strings(token.Payload, "resource_access", "account", "roles").Should().Equal("manage-account");
        Strings(token.Payload, "realm_access", "roles").Should().Equal("offline_access", "uma_authorization");
        Strings(token.Payload, "groups").Should().Equal("/kestra/admins", "/kestra/developers");
    }

    [Test]
    public async Task Alice_gets_her_profile_and_email_claims()
    {
        var token = await LoginAsync("alice");

        token.StringClaim("preferred_username").Should().Be("alice");
        token.StringClaim("email").Should().Be("alice@example.test");
        token.Payload.GetProperty("email_verified").GetBoolean().Should().BeTrue();
        token.StringClaim("name").Should().Be("Alice Admin");
    }

    [Test]
    public async Task Bob_has_no_kestra_client_roles_and_no_groups()
    {
        var token = await LoginAsync("bob");

        token.Payload.GetProperty("resource_access").TryGetProperty("kestra", out _).Should().BeFalse();
        Strings(token.Payload, "resource_access", "account", "roles").Should().Equal("manage-account");
        token.Payload.TryGetProperty("groups", out _).Should().BeFalse();
        token.StringClaim("preferred_username").Should().Be("bob");
    }

    [Test]
    public async Task The_ID_token_echoes_the_nonce_and_names_the_client_and_issuer()
    {
        using var flow = Server.CreateFlow();

        var tokens = await flow.LoginAsync("alice", "alice");
        var token = UnverifiedJwt.Decode(tokens.IdToken);

        token.StringClaim("nonce").Should().Be(tokens.Nonce);
        token.Audiences.Should().Contain(Server.ClientId);
        token.StringClaim("iss").Should().Be(Server.Issuer.OriginalString);
        token.StringClaim("sub").Should().NotBeNullOrEmpty();
        token.StringClaim("typ").Should().Be("ID");
        token.StringClaim("sid").Should().NotBeNullOrEmpty();
        token.Payload.TryGetProperty("auth_time", out _).Should().BeTrue();
        token.Payload.GetProperty("exp").GetInt64().Should().BeGreaterThan(token.Payload.GetProperty("iat").GetInt64());
    }

    [Test]
    public async Task The_ID_token_is_RS256_with_a_kid_from_the_JWKS()
    {
        var token = await LoginAsync("alice");

        var keys = await Jwks.FetchAsync(Server);

        token.Algorithm.Should().Be("RS256");
        keys.Select(k => k.Kid).Should().Contain(token.Kid);
    }

    [Test]
    public async Task The_code_exchange_returns_access_and_refresh_tokens()
    {
        using var flow = Server.CreateFlow();

        var tokens = await flow.LoginAsync("alice", "alice");

        tokens.TokenType.Should().Be("Bearer");
        tokens.AccessToken.Should().NotBeNullOrEmpty();
        tokens.RefreshToken.Should().NotBeNullOrEmpty();
        tokens.Scope.Should().Be("openid profile email roles");
    }

    [Test]
    public async Task The_client_may_authenticate_with_client_secret_post()
    {
        using var flow = new AuthorizationCodeFlow(Server.Issuer, Server.ClientId, Server.ClientSecret, Server.RedirectUri)
        {
            ClientAuthentication = ClientAuthentication.Post,
        };

        var tokens = await flow.LoginAsync("bob", "bob");

        UnverifiedJwt.Decode(tokens.IdToken).StringClaim("preferred_username").Should().Be("bob");
    }

    [Test]
    public async Task The_authorization_response_carries_state_and_the_issuer()
    {
        using var flow = Server.CreateFlow();

        var response = await flow.AuthorizeAsync("alice", "alice");

        response.Issuer.Should().Be(Server.Issuer.OriginalString);
        response.PromptedForCredentials.Should().BeTrue();
        response.CallbackUri.GetLeftPart(UriPartial.Path).Should().Be(Server.RedirectUri.AbsoluteUri);
    }

    [Test]
    public async Task A_second_login_in_the_same_browser_reuses_the_session()
    {
        using var flow = Server.CreateFlow();
        await flow.LoginAsync("alice", "alice");

        var again = await flow.AuthorizeAsync("alice", "alice");

        again.PromptedForCredentials.Should().BeFalse();
    }

    [Test]
    public async Task Asking_for_more_scopes_later_needs_no_consent_and_adds_the_claims()
    {
        using var flow = Server.CreateFlow();
        var first = UnverifiedJwt.Decode((await flow.LoginAsync("alice", "alice", scope: "openid")).IdToken);

        var second = UnverifiedJwt.Decode((await flow.LoginAsync("alice", "alice")).IdToken);

        first.Payload.TryGetProperty("resource_access", out _).Should().BeFalse();
        second.Payload.TryGetProperty("resource_access", out _).Should().BeTrue();
    }

    private static async Task<UnverifiedJwt> LoginAsync(string user)
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync(user, user);
        return UnverifiedJwt.Decode(tokens.IdToken);
    }

    private static IEnumerable<string?> Strings(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return element.EnumerateArray().Select(e => e.GetString());
    }
}
