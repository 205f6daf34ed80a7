using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Discovery;

[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class ProviderDiscoveryTests
{
    private static OidcProviderServer Server => SharedOidcProvider.Server;

    [Test]
    public void Issuer_is_a_keycloak_realm_url_on_loopback()
    {
        Server.Issuer.Host.Should().Be("127.0.0.1");
        Server.Issuer.AbsolutePath.Should().Be("/realms/kestra");
    }

    [Test]
    public async Task Discovery_document_issuer_equals_the_issuer_exactly()
    {
        using var flow = Server.CreateFlow();

        var discovery = await flow.GetDiscoveryDocumentAsync();

        discovery.GetProperty("issuer").GetString().Should().Be(Server.Issuer.OriginalString);
    }

    [Test]
    public async Task Endpoints_sit_under_the_realm_at_keycloak_paths()
    {
        using var flow = Server.CreateFlow();

        var discovery = await flow.GetDiscoveryDocumentAsync();

        var issuer = Server.Issuer.OriginalString;
        discovery.GetProperty("authorization_endpoint").GetString().Should().Be($"{issuer}/protocol/openid-connect/auth");
        discovery.GetProperty("token_endpoint").GetString().Should().Be($"{issuer}/protocol/openid-connect/token");
        discovery.GetProperty("jwks_uri").GetString().Should().Be($"{issuer}/protocol/openid-connect/certs");
        discovery.GetProperty("end_session_endpoint").GetString().Should().Be($"{issuer}/protocol/openid-connect/logout");
    }

    [Test]
    public async Task Only_S256_PKCE_and_RS256_ID_tokens_are_offered()
    {
        using var flow = Server.CreateFlow();

        var discovery = await flow.GetDiscoveryDocumentAsync();

        Strings(discovery, "code_challenge_methods_supported").Should().Equal("S256");
        Strings(discovery, "id_token_signing_alg_values_supported").Should().Equal("RS256");
        Strings(discovery, "token_endpoint_auth_methods_supported").Should().Contain(["client_secret_basic", "client_secret_post"]);
    }

    [Test]
    public async Task Jwks_publishes_the_RS256_signing_key()
    {
        var kid = await Server.GetSigningKidAsync();

        var keys = await Jwks.FetchAsync(Server);

        keys.Should().ContainSingle(k => k.Kid == kid)
            .Which.Should().BeEquivalentTo(new { Kty = "RSA", Use = "sig", Alg = "RS256" }, o => o.ExcludingMissingMembers());
    }

    private static IEnumerable<string?> Strings(JsonElement document, string name) =>
        document.GetProperty(name).EnumerateArray().Select(e => e.GetString());
}
