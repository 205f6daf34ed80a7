using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.IntegrationTests.Validation;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.AccessTokens;

/// <summary>
/// SPEC §7 against the live provider configured like Keycloak: opaque access tokens with introspection and userinfo, JWT access
/// tokens for the <c>kestra-api</c> audience (resource indicators, <c>resource_access</c> claims), lightweight JWT access tokens
/// (no roles: introspection gives them) and a client-credentials service account. Real flows, then each claim-source order.
/// </summary>
[Category("Integration")]
public sealed class AccessTokenFlowTests
{
    private const string Roles = "resource_access.kestra.roles";

    private static OidcProviderServer Server => SharedOidcProvider.Server;

    private static (LibraryOnProvider Library, KestraOidcAuthenticator Authenticator) Library(params ClaimSourceKind[] sources)
    {
        var library = new LibraryOnProvider(Server, options =>
        {
            options.GroupsClaimPath = Roles;
            options.DefaultRole = new RoleOptions { Name = "Viewer", Permissions = { ["FLOW"] = ["READ"] } };
            options.Extensions.ClaimSources = sources;
            options.Extensions.AccessToken.Audiences = ["kestra-api", "kestra-api-light"];
        });
        return (library, new KestraOidcAuthenticator(library.Options, library.Metadata, new KestraRoleResolver(library.Options)));
    }

    private static async Task<TokenSet> LoginAsync(string user, string? resource = null)
    {
        using var flow = new AuthorizationCodeFlow(Server.Issuer, Server.ClientId, Server.ClientSecret, Server.RedirectUri) { Resource = resource };
        return await flow.LoginAsync(user, user);
    }

    private static RoleResolution Resolved(KestraAuthenticationResult result)
    {
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Resolution!;
    }

    [TestCase(new[] { ClaimSourceKind.IdToken }, ClaimSourceKind.IdToken)]
    [TestCase(new[] { ClaimSourceKind.UserInfo, ClaimSourceKind.IdToken }, ClaimSourceKind.UserInfo)]
    [TestCase(new[] { ClaimSourceKind.Introspection, ClaimSourceKind.IdToken }, ClaimSourceKind.Introspection)]
    [TestCase(new[] { ClaimSourceKind.AccessToken, ClaimSourceKind.Introspection }, ClaimSourceKind.Introspection)]
    public async Task Alice_with_an_opaque_access_token_gets_her_groups_from_the_first_source_that_has_them(ClaimSourceKind[] sources, ClaimSourceKind expected)
    {
        var (library, authenticator) = Library(sources);
        using var _ = library;
        var tokens = await LoginAsync("alice");

        var resolution = Resolved(await authenticator.AuthenticateAsync(tokens.IdToken, LibraryOnProvider.Client,
            new KestraAuthenticationContext { Nonce = tokens.Nonce, AccessToken = tokens.AccessToken }));

        resolution.Groups.Should().Equal("Admins", "Developers");
        resolution.GroupsFrom.Should().Be(expected);
        resolution.PreferredUsername.Should().Be("alice");
    }

    [Test]
    public async Task An_opaque_access_token_is_not_a_source_itself_and_is_skipped_with_a_warning()
    {
        var (library, authenticator) = Library(ClaimSourceKind.AccessToken, ClaimSourceKind.IdToken);
        using var _ = library;
        var tokens = await LoginAsync("alice");

        var resolution = Resolved(await authenticator.AuthenticateAsync(tokens.IdToken, LibraryOnProvider.Client,
            new KestraAuthenticationContext { Nonce = tokens.Nonce, AccessToken = tokens.AccessToken }));

        resolution.GroupsFrom.Should().Be(ClaimSourceKind.IdToken);
        resolution.Warnings.Should().Contain(w => w.Code == ClaimSourceErrorCodes.SourceSkipped && w.Message.Contains("opaque", StringComparison.Ordinal));
    }

    [Test]
    public async Task Bob_has_no_group_in_any_source_and_gets_the_default_role()
    {
        var (library, authenticator) = Library(ClaimSourceKind.IdToken, ClaimSourceKind.UserInfo, ClaimSourceKind.Introspection);
        using var _ = library;
        var tokens = await LoginAsync("bob");

        var resolution = Resolved(await authenticator.AuthenticateAsync(tokens.IdToken, LibraryOnProvider.Client,
            new KestraAuthenticationContext { Nonce = tokens.Nonce, AccessToken = tokens.AccessToken }));

        resolution.GroupsFrom.Should().BeNull();
        resolution.SourceName.Should().Be("default-role");
        resolution.ClaimSources.Select(a => a.Name).Should().Equal("id-token", "userinfo", "introspection");
        library.RequestsTo("/userinfo").Should().Be(1);
        library.RequestsTo("/token/introspect").Should().Be(1);
    }

    [Test]
    public async Task An_opaque_access_token_alone_is_authenticated_by_introspection_and_cached()
    {
        var (library, authenticator) = Library(ClaimSourceKind.Introspection);
        using var _ = library;
        var tokens = await LoginAsync("alice");

        var first = Resolved(await authenticator.AuthenticateAccessTokenAsync(tokens.AccessToken));
        var second = Resolved(await authenticator.AuthenticateAccessTokenAsync(tokens.AccessToken));

        first.GroupsFrom.Should().Be(ClaimSourceKind.Introspection);
        first.Groups.Should().Equal("Admins", "Developers");
        second.Subject.Should().Be(first.Subject);
        library.RequestsTo("/token/introspect").Should().Be(1, "the second call is answered from the cache");
    }

    [Test]
    public async Task A_JWT_access_token_for_kestra_api_gives_its_own_groups()
    {
        var (library, authenticator) = Library(ClaimSourceKind.IdToken);
        using var _ = library;
        var tokens = await LoginAsync("alice", "urn:kestra-api");

        var result = await authenticator.AuthenticateAccessTokenAsync(tokens.AccessToken);

        var resolution = Resolved(result);
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.AccessToken);
        resolution.Groups.Should().Equal("Admins", "Developers");
        result.AccessTokenValidation!.Audiences.Should().Equal("kestra-api");
        result.AccessTokenValidation.AuthorizedParty.Should().Be(Server.ClientId);
    }

    [Test]
    public async Task A_lightweight_JWT_access_token_gets_its_groups_from_introspection()
    {
        var (library, authenticator) = Library(ClaimSourceKind.AccessToken, ClaimSourceKind.Introspection);
        using var _ = library;

        // oidc-provider does not introspect its JWT access tokens; the test provider's Keycloak-like route does.
        library.Options.Clients[LibraryOnProvider.Client].OpenId.IntrospectionUrl = $"{Server.Issuer.OriginalString}/__jwt-introspect";
        var tokens = await LoginAsync("alice", "urn:kestra-api-light");

        var resolution = Resolved(await authenticator.AuthenticateAccessTokenAsync(tokens.AccessToken));

        resolution.GroupsFrom.Should().Be(ClaimSourceKind.Introspection);
        resolution.Groups.Should().Equal("Admins", "Developers");
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal(
            $"access-token: no group at '{Roles}'",
            $"introspection: 2 group(s) at '{Roles}'");
    }

    [Test]
    public async Task A_service_account_token_from_client_credentials_is_identified_by_its_client()
    {
        var (library, authenticator) = Library(ClaimSourceKind.AccessToken);
        using var _ = library;
        var accessToken = await ClientCredentialsAsync("urn:kestra-api");

        var result = await authenticator.AuthenticateAccessTokenAsync(accessToken);

        var resolution = Resolved(result);
        resolution.Subject.Should().Be("kestra-service");
        resolution.Groups.Should().Equal("Reporter");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.AccessToken);
    }

    [Test]
    public async Task An_id_token_presented_as_the_access_token_is_refused_as_the_wrong_kind()
    {
        var (library, authenticator) = Library(ClaimSourceKind.AccessToken);
        using var _ = library;
        var tokens = await LoginAsync("alice");

        var result = await authenticator.AuthenticateAccessTokenAsync(tokens.IdToken);

        result.Succeeded.Should().BeFalse();
        result.AccessTokenValidation!.Failure.Should().Be(AccessTokenCheck.TokenType);
    }

    [Test]
    public async Task A_JWT_access_token_presented_as_the_id_token_is_refused_as_the_wrong_kind()
    {
        var (library, authenticator) = Library(ClaimSourceKind.IdToken);
        using var _ = library;
        var tokens = await LoginAsync("alice", "urn:kestra-api");

        var result = await authenticator.AuthenticateAsync(tokens.AccessToken, LibraryOnProvider.Client);

        result.Succeeded.Should().BeFalse();
        result.Validation!.Failure.Should().Be(IdTokenCheck.TokenType);
    }

    [Test]
    public async Task A_wrong_client_secret_makes_introspection_say_so_without_printing_it()
    {
        var (library, authenticator) = Library(ClaimSourceKind.Introspection);
        using var _ = library;
        library.Options.Clients[LibraryOnProvider.Client].ClientSecret = "not-the-secret";
        var tokens = await LoginAsync("alice");

        var ex = (await FluentActions.Awaiting(() => authenticator.AuthenticateAccessTokenAsync(tokens.AccessToken).AsTask())
            .Should().ThrowAsync<ClaimSourceException>()).Which;

        ex.Code.Should().Be(ClaimSourceErrorCodes.ClientUnauthorized);
        ex.StatusCode.Should().Be(401);
        ex.Message.Should().Contain("client secret is wrong").And.NotContain("not-the-secret").And.NotContain(tokens.AccessToken);
    }

    private static async Task<string> ClientCredentialsAsync(string resource)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Server.Issuer.OriginalString}/protocol/openid-connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("resource", resource)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("kestra-service:kestra-service-secret")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("access_token").GetString()!;
    }
}
