using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Login;

/// <summary>What the provider refuses, and that the driver reports the provider's own words.</summary>
[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class AuthorizationErrorTests
{
    private static OidcProviderServer Server => SharedOidcProvider.Server;

    [Test]
    public async Task An_unregistered_redirect_uri_is_refused_on_the_provider_error_page()
    {
        using var flow = new AuthorizationCodeFlow(
            Server.Issuer, Server.ClientId, Server.ClientSecret, new Uri("http://localhost:8080/not/registered"));

        var login = () => flow.LoginAsync("alice", "alice");

        await login.Should().ThrowAsync<OidcProviderException>()
            .WithMessage("*answered 400 without a form:*redirect_uri did not match any of the client's registered redirect_uris*");
    }

    [Test]
    public async Task A_wrong_password_is_refused_on_the_login_page()
    {
        using var flow = Server.CreateFlow();

        var login = () => flow.LoginAsync("alice", "not-alice");

        await login.Should().ThrowAsync<OidcProviderException>()
            .WithMessage("The provider rejected the credentials of 'alice': Invalid username or password.");
    }

    [Test]
    public async Task An_unknown_user_is_refused_like_a_wrong_password()
    {
        using var flow = Server.CreateFlow();

        var login = () => flow.LoginAsync("mallory", "mallory");

        await login.Should().ThrowAsync<OidcProviderException>()
            .WithMessage("The provider rejected the credentials of 'mallory': Invalid username or password.");
    }

    [Test]
    public async Task A_wrong_client_secret_is_refused_at_the_token_endpoint()
    {
        using var flow = new AuthorizationCodeFlow(Server.Issuer, Server.ClientId, "not-the-secret", Server.RedirectUri);

        var login = () => flow.LoginAsync("alice", "alice");

        await login.Should().ThrowAsync<OidcProviderException>()
            .WithMessage("The token endpoint answered 401: *invalid_client*");
    }
}
