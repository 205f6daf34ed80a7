using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary>Real ID tokens from a real code flow, validated by the library against the provider's live discovery and JWKS.</summary>
[Category("Integration")]
public sealed class IdTokenValidationTests
{
    private static OidcProviderServer Server => SharedOidcProvider.Server;

    [Test]
    public async Task Discovery_of_the_live_provider_gives_its_issuer_endpoints_and_key()
    {
        using var library = new LibraryOnProvider(Server);

        var metadata = await library.Metadata.GetAsync(LibraryOnProvider.Client);

        metadata.Issuer.Should().Be(Server.Issuer.OriginalString);
        metadata.JwksUri.ToString().Should().Be($"{Server.Issuer.OriginalString}/protocol/openid-connect/certs");
        metadata.EndSessionEndpoint!.ToString().Should().Be($"{Server.Issuer.OriginalString}/protocol/openid-connect/logout");
        metadata.SigningKeys.Select(k => k.KeyId).Should().Contain(await Server.GetSigningKidAsync());
        metadata.Warnings.Should().BeEmpty();
    }

    [Test]
    public async Task Alices_id_token_from_the_code_flow_is_valid_with_her_nonce_and_roles()
    {
        using var library = new LibraryOnProvider(Server);
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var result = await library.ValidateAsync(tokens);

        result.IsValid.Should().BeTrue(result.Message);
        result.Issuer.Should().Be(Server.Issuer.OriginalString);
        result.Audiences.Should().Contain(Server.ClientId);
        result.Subject.Should().NotBeNullOrEmpty();
        result.Payload.GetProperty("resource_access").GetProperty("kestra").GetProperty("roles").GetArrayLength().Should().BePositive();
    }

    [Test]
    public async Task Bobs_id_token_is_valid_without_roles()
    {
        using var library = new LibraryOnProvider(Server);
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("bob", "bob");

        var result = await library.ValidateAsync(tokens);

        result.IsValid.Should().BeTrue(result.Message);
        var hasKestraRoles = result.Payload.TryGetProperty("resource_access", out var access) && access.TryGetProperty("kestra", out _);
        hasKestraRoles.Should().BeFalse(access.ToString());
    }

    [Test]
    public async Task A_real_id_token_with_another_requests_nonce_is_rejected()
    {
        using var library = new LibraryOnProvider(Server);
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var result = await library.ValidateAsync(tokens, nonce: "a-nonce-from-another-request");

        result.Failure.Should().Be(IdTokenCheck.Nonce);
    }

    [Test]
    public async Task A_real_id_token_for_another_client_id_is_rejected_on_audience()
    {
        using var library = new LibraryOnProvider(Server, o => o.Clients[LibraryOnProvider.Client].ClientId = "grafana");
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        var result = await library.ValidateAsync(tokens);

        result.Failure.Should().Be(IdTokenCheck.Audience);
    }

    [Test]
    public async Task A_wrong_realm_in_the_issuer_is_a_404_with_the_realm_hint()
    {
        using var library = new LibraryOnProvider(Server, o => o.Clients[LibraryOnProvider.Client].OpenId.Issuer = $"{Server.BaseAddress}realms/nope");

        var ex = await FluentActions.Awaiting(() => library.Metadata.GetAsync(LibraryOnProvider.Client).AsTask()).Should().ThrowAsync<DiscoveryException>();

        ex.Which.Code.Should().Be(DiscoveryErrorCodes.NotFound);
        ex.Which.Message.Should().Contain($"try the issuer '{Server.BaseAddress}auth/realms/nope'");
    }

    [Test]
    public void The_redirect_and_post_logout_uris_are_the_ones_registered_at_the_provider()
    {
        using var library = new LibraryOnProvider(Server);
        var endpoints = new KestraEndpoints(library.Options);

        endpoints.RedirectUri(LibraryOnProvider.Client).Should().Be(Server.RedirectUri);
        endpoints.PostLogoutRedirectUri().Should().Be(Server.PostLogoutRedirectUri);
    }

    [Test]
    public async Task The_end_session_url_logs_out_at_the_provider_and_lands_on_the_post_logout_uri()
    {
        using var library = new LibraryOnProvider(Server);
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");
        var metadata = await library.Metadata.GetAsync(LibraryOnProvider.Client);
        var endSession = new KestraEndpoints(library.Options).EndSessionUrl(metadata, tokens.IdToken)!;

        // The provider answers with its logout confirmation form; the browser confirms it and must land on Kestra's URI.
        var landing = await flow.FollowEndSessionAsync(endSession);

        landing.GetLeftPart(UriPartial.Path).Should().Be(Server.PostLogoutRedirectUri.AbsoluteUri);
        (await flow.AuthorizeAsync("alice", "alice")).PromptedForCredentials.Should().BeTrue("the provider session ended");
    }
}
