using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Login;

/// <summary>A client with Keycloak's "Consent Required" on: the driver confirms the consent page.</summary>
[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class ConsentTests
{
    private OidcProviderServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _server = await OidcProviderServer.StartAsync(new OidcProviderServerOptions { RequireConsent = true });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Login_goes_through_the_consent_page_and_still_yields_the_claims()
    {
        using var flow = _server.CreateFlow();

        var tokens = await flow.LoginAsync("alice", "alice");

        var token = UnverifiedJwt.Decode(tokens.IdToken);
        token.StringClaim("preferred_username").Should().Be("alice");
        token.Payload.GetProperty("resource_access").GetProperty("kestra").GetProperty("roles").GetArrayLength().Should().Be(2);
    }
}
