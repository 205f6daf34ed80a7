using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>With no client named, the token's issuer (then <c>azp</c>, then <c>aud</c>) picks the client (SPEC §7). No network.</summary>
public sealed class ClientSelectorTests
{
    private const string Kestra = "http://localhost:8088/realms/kestra";
    private const string Other = "http://localhost:8088/realms/other";
    private static readonly DateTimeOffset s_now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static KestraOidcOptions Options(params (string Name, string ClientId, string Issuer)[] clients)
    {
        var options = new KestraOidcOptions();
        foreach (var (name, clientId, issuer) in clients)
        {
            options.Clients[name] = new OidcClientOptions { ClientId = clientId, OpenId = { Issuer = issuer } };
        }

        return options;
    }

    private static TestTokenBuilder Token(string issuer = Kestra) => AccessTokens.Keycloak(s_now).With("iss", issuer);

    [Test]
    public void The_only_client_is_picked_without_reading_the_token() =>
        ClientSelector.Select(Options(("keycloak", "kestra", Kestra)), "opaque").Name.Should().Be("keycloak");

    [Test]
    public void The_issuer_picks_among_clients_of_different_issuers()
    {
        var options = Options(("keycloak", "kestra", Kestra), ("other", "kestra", Other));

        ClientSelector.Select(options, Token(Other).Build()).Name.Should().Be("other");
        ClientSelector.Select(options, Token(Kestra).Build()).Name.Should().Be("keycloak");
    }

    [Test]
    public void A_trailing_slash_in_the_configured_issuer_does_not_matter() =>
        ClientSelector.Select(Options(("keycloak", "kestra", Kestra + "/"), ("other", "kestra", Other)), Token().Build()).Name.Should().Be("keycloak");

    [Test]
    public void Disabled_clients_are_not_candidates()
    {
        var options = Options(("keycloak", "kestra", Kestra), ("old", "kestra-old", Kestra));
        options.Clients["old"].Enabled = false;

        ClientSelector.Select(options, "opaque").Name.Should().Be("keycloak");
    }

    [Test]
    public void Azp_tells_clients_of_the_same_issuer_apart()
    {
        var options = Options(("ui", "kestra-ui", Kestra), ("api", "kestra-api", Kestra));

        ClientSelector.Select(options, Token().With("azp", "kestra-api").With("aud", new[] { "kestra-ui", "kestra-api" }).Build()).Name.Should().Be("api");
    }

    [Test]
    public void Aud_tells_them_apart_when_azp_does_not()
    {
        var options = Options(("ui", "kestra-ui", Kestra), ("api", "kestra-api", Kestra));

        ClientSelector.Select(options, Token().With("azp", "a-third-app").With("aud", "kestra-api").Build()).Name.Should().Be("api");
    }

    [Test]
    public void Still_ambiguous_is_an_error_naming_the_candidates()
    {
        var options = Options(("ui", "kestra-ui", Kestra), ("api", "kestra-api", Kestra), ("other", "kestra", Other));

        var choice = ClientSelector.Select(options, Token().With("azp", "a-third-app").With("aud", "account").Build());

        choice.Name.Should().BeNull();
        choice.Code.Should().Be(ClaimSourceErrorCodes.AmbiguousClient);
        choice.Message.Should().Be("the clients 'ui' (client-id 'kestra-ui'), 'api' (client-id 'kestra-api') all have the token's issuer 'http://localhost:8088/realms/kestra', and its 'azp' (\"a-third-app\") and 'aud' [account] do not tell them apart; name the client");
    }

    [Test]
    public void A_foreign_issuer_names_the_configured_issuers()
    {
        var choice = ClientSelector.Select(Options(("keycloak", "kestra", Kestra), ("other", "kestra", Other)), Token("http://localhost:9999/realms/x").Build());

        choice.Name.Should().BeNull();
        choice.Code.Should().Be(ClaimSourceErrorCodes.NoClientForIssuer);
        choice.Message.Should().Be("the token's issuer 'http://localhost:9999/realms/x' is not the issuer of any enabled client (keycloak: 'http://localhost:8088/realms/kestra', other: 'http://localhost:8088/realms/other'); the token comes from another provider or realm");
    }

    [Test]
    public void An_opaque_token_cannot_pick_among_several_clients()
    {
        var choice = ClientSelector.Select(Options(("keycloak", "kestra", Kestra), ("other", "kestra", Other)), "8f14e45fceea167a5a36dedd4bea2543");

        choice.Code.Should().Be(ClaimSourceErrorCodes.AmbiguousClient);
        choice.Message.Should().Be("several clients are configured (keycloak, other) and the token is not a JWT, so its issuer cannot pick one; name the client");
    }
}
