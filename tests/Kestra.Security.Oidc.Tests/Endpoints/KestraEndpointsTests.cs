using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Endpoints;

public sealed class KestraEndpointsTests
{
    private static KestraOidcOptions Options(string? kestraUrl = "http://localhost:8080")
    {
        var options = new KestraOidcOptions { KestraUrl = kestraUrl };
        options.Clients["keycloak"] = new OidcClientOptions { ClientId = "kestra", OpenId = { Issuer = DiscoveryTestbed.Issuer } };
        return options;
    }

    [TestCase("http://localhost:8080", "http://localhost:8080/oauth/callback/keycloak")]
    [TestCase("http://localhost:8080/", "http://localhost:8080/oauth/callback/keycloak")]
    [TestCase("https://kestra.example.com/kestra/", "https://kestra.example.com/kestra/oauth/callback/keycloak")]
    public void The_redirect_uri_is_kestra_url_plus_the_callback_with_the_client_name(string kestraUrl, string expected) =>
        new KestraEndpoints(Options(kestraUrl)).RedirectUri("keycloak").ToString().Should().Be(expected);

    [Test]
    public void A_custom_callback_template_is_honoured()
    {
        var options = Options();
        options.CallbackUri = "/sso/{provider}/done";

        new KestraEndpoints(options).RedirectUri("keycloak").ToString().Should().Be("http://localhost:8080/sso/keycloak/done");
    }

    [Test]
    public void The_post_logout_uri_is_kestra_url_plus_logout() =>
        new KestraEndpoints(Options()).PostLogoutRedirectUri().ToString().Should().Be("http://localhost:8080/logout");

    [Test]
    public void The_post_logout_uri_follows_the_end_session_redirect_uri()
    {
        var options = Options();
        options.EndSessionRedirectUri = "/ui/bye";
        new KestraEndpoints(options).PostLogoutRedirectUri().ToString().Should().Be("http://localhost:8080/ui/bye");

        options.EndSessionRedirectUri = "https://www.example.com/signed-out";
        new KestraEndpoints(options).PostLogoutRedirectUri().ToString().Should().Be("https://www.example.com/signed-out");
    }

    [Test]
    public void A_missing_kestra_url_says_how_to_set_it()
    {
        var act = () => new KestraEndpoints(Options(kestraUrl: null)).RedirectUri("keycloak");

        act.Should().Throw<KestraConfigurationException>().WithMessage(
            "KSO5020: 'kestra.url' is not set; redirect URIs are built from it: set it to Kestra's public URL, e.g. kestra.url: https://kestra.example.com");
    }

    [Test]
    public async Task The_end_session_url_carries_client_id_post_logout_uri_and_id_token_hint_but_never_redirect_uri()
    {
        using var bed = new DiscoveryTestbed();
        var metadata = await bed.GetAsync();

        var url = new KestraEndpoints(bed.Options).EndSessionUrl(metadata, "eyJhbGciOi.payload.sig")!;

        url.ToString().Should().Be("http://localhost:8088/realms/kestra/protocol/openid-connect/logout?client_id=kestra&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogout&id_token_hint=eyJhbGciOi.payload.sig");
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=')[0]).Should().NotContain("redirect_uri");
    }

    [Test]
    public async Task The_end_session_url_without_hint_keeps_an_existing_query()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Clients["keycloak"].OpenId.EndSessionUrl = "https://login.example.com/logout?ui_locales=fr";
        var metadata = await bed.GetAsync();

        new KestraEndpoints(bed.Options).EndSessionUrl(metadata)!.ToString()
            .Should().Be("https://login.example.com/logout?ui_locales=fr&client_id=kestra&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Flogout");
    }

    [Test]
    public async Task No_end_session_url_when_end_session_is_disabled()
    {
        using var bed = new DiscoveryTestbed();
        var metadata = await bed.GetAsync();
        bed.Options.Clients["keycloak"].OpenId.EndSessionEnabled = false;

        new KestraEndpoints(bed.Options).EndSessionUrl(metadata).Should().BeNull();
    }
}
