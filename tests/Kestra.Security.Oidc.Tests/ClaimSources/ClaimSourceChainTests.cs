using System.Net;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.ClaimSources;

/// <summary>Where the groups come from (SPEC §7): each chain order, skipped sources, refusing sources, an access token alone.</summary>
public sealed class ClaimSourceChainTests
{
    private const string Opaque = "8f14e45fceea167a5a36dedd4bea2543";
    private ClaimSourceTestbed _bed = null!;
    private KestraOidcAuthenticator? _authenticator;

    [SetUp]
    public void SetUp()
    {
        _bed = new ClaimSourceTestbed();
        _authenticator = null;
        var options = _bed.Bed.Options;
        options.GroupsClaimPath = "resource_access.kestra.roles";
        options.DefaultRole = new RoleOptions { Name = "Viewer" };
        options.DefaultRole.Permissions["FLOW"] = ["READ"];
    }

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private KestraOidcAuthenticator Authenticator => _authenticator ??= new KestraOidcAuthenticator(_bed.Bed.Options, _bed.Bed.Provider, new KestraRoleResolver(_bed.Bed.Options));

    private void Sources(params ClaimSourceKind[] sources) => _bed.Bed.Options.Extensions.ClaimSources = sources;

    private static object Roles(params string[] roles) => new Dictionary<string, object> { ["kestra"] = new { roles } };

    private string IdToken(params string[] roles) =>
        (roles.Length == 0 ? _bed.Bed.Token().Without("resource_access") : _bed.Bed.Token().With("resource_access", Roles(roles))).Build();

    private string AccessToken(params string[] roles) =>
        (roles.Length == 0 ? AccessTokens.Keycloak(_bed.Bed.Time.GetUtcNow()).Without("resource_access") : AccessTokens.Keycloak(_bed.Bed.Time.GetUtcNow()).With("resource_access", Roles(roles))).Build();

    private void UserInfoAnswers(string sub = ClaimSourceTestbed.Subject, params string[] roles) =>
        _bed.Bed.Http.Json(ClaimSourceTestbed.UserInfoUrl, JsonSerializer.Serialize(new { sub, resource_access = Roles(roles) }));

    private void IntrospectionAnswers(params string[] roles) =>
        _bed.AnswerIntrospection(_bed.ActiveAnswer(extra: $",\"resource_access\":{JsonSerializer.Serialize(Roles(roles))}"));

    private static RoleResolution Resolved(KestraAuthenticationResult result)
    {
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Resolution!;
    }

    [Test]
    public async Task By_default_groups_come_from_the_id_token_alone()
    {
        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin"), context: new KestraAuthenticationContext { AccessToken = AccessToken("Other") }));

        resolution.Groups.Should().Equal("Admin");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.IdToken);
        resolution.GroupsFromName.Should().Be("id-token");
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal("id-token: 1 group(s) at 'resource_access.kestra.roles'");
        _bed.Bed.Http.CountFor(ClaimSourceTestbed.UserInfoUrl).Should().Be(0);
    }

    [Test]
    public async Task No_source_with_groups_gives_the_default_role_and_no_groups_from()
    {
        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken()));

        resolution.GroupsFrom.Should().BeNull();
        resolution.GroupsFromName.Should().BeNull();
        resolution.SourceName.Should().Be("default-role");
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal("id-token: no group at 'resource_access.kestra.roles'");
    }

    [Test]
    public async Task Resolutions_with_the_same_outcome_share_one_attempt_line()
    {
        var first = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin", "Ops")));
        var second = Resolved(await Authenticator.AuthenticateAsync(IdToken("Developer", "Viewer")));
        var third = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin")));

        second.ClaimSources.Should().BeSameAs(first.ClaimSources, "the line 'id-token: 2 group(s) at …' is built once, not on every request");
        first.ClaimSources.Select(a => a.ToString()).Should().Equal("id-token: 2 group(s) at 'resource_access.kestra.roles'");
        third.ClaimSources.Select(a => a.ToString()).Should().Equal("id-token: 1 group(s) at 'resource_access.kestra.roles'");
    }

    [Test]
    public async Task Many_groups_get_their_own_attempt_line()
    {
        var roles = Enumerable.Range(0, 40).Select(i => $"team-{i:D2}").ToArray();

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken(roles)));

        resolution.Groups.Should().HaveCount(40);
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal("id-token: 40 group(s) at 'resource_access.kestra.roles'");
        resolution.ClaimSources.Single().GroupCount.Should().Be(40);
    }

    [Test]
    public async Task Without_a_groups_claim_path_no_source_is_read()
    {
        _bed.Bed.Options.GroupsClaimPath = null;

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin")));

        resolution.Groups.Should().BeEmpty();
        resolution.SourceName.Should().Be("default-role");
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal("id-token: not read: 'kestra.security.oidc.groups-claim-path' is not set");
    }

    [Test]
    public async Task Id_token_then_userinfo_falls_back_to_userinfo()
    {
        Sources(ClaimSourceKind.IdToken, ClaimSourceKind.UserInfo);
        UserInfoAnswers(roles: "Developer");

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken(), context: new KestraAuthenticationContext { AccessToken = Opaque }));

        resolution.Groups.Should().Equal("Developer");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.UserInfo);
        resolution.Subject.Should().Be(ClaimSourceTestbed.Subject);
        resolution.PreferredUsername.Should().Be("alice", "identity claims come from the validated ID token");
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal(
            "id-token: no group at 'resource_access.kestra.roles'",
            "userinfo: 1 group(s) at 'resource_access.kestra.roles'");
    }

    [Test]
    public async Task Userinfo_first_wins_over_the_id_token()
    {
        Sources(ClaimSourceKind.UserInfo, ClaimSourceKind.IdToken);
        UserInfoAnswers(roles: "FromUserInfo");

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("FromIdToken"), context: new KestraAuthenticationContext { AccessToken = Opaque }));

        resolution.Groups.Should().Equal("FromUserInfo");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.UserInfo);
    }

    [Test]
    public async Task A_source_that_gave_groups_stops_the_chain_before_any_request()
    {
        Sources(ClaimSourceKind.IdToken, ClaimSourceKind.UserInfo, ClaimSourceKind.Introspection);

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin"), context: new KestraAuthenticationContext { AccessToken = Opaque }));

        resolution.GroupsFrom.Should().Be(ClaimSourceKind.IdToken);
        _bed.Bed.Http.CountFor(ClaimSourceTestbed.UserInfoUrl).Should().Be(0);
        _bed.IntrospectionRequests.Should().Be(0);
    }

    [Test]
    public async Task Access_token_first_reads_the_access_token_beside_the_id_token()
    {
        Sources(ClaimSourceKind.AccessToken, ClaimSourceKind.IdToken);

        var result = await Authenticator.AuthenticateAsync(IdToken("FromIdToken"), context: new KestraAuthenticationContext { AccessToken = AccessToken("FromAccessToken") });

        var resolution = Resolved(result);
        resolution.Groups.Should().Equal("FromAccessToken");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.AccessToken);
        result.AccessTokenValidation!.IsValid.Should().BeTrue();
    }

    [Test]
    public async Task Id_token_then_introspection_falls_back_to_introspection()
    {
        Sources(ClaimSourceKind.IdToken, ClaimSourceKind.Introspection);
        IntrospectionAnswers("Operator");

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken(), context: new KestraAuthenticationContext { AccessToken = Opaque }));

        resolution.Groups.Should().Equal("Operator");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.Introspection);
    }

    [Test]
    public async Task Sources_that_need_the_access_token_are_skipped_with_a_warning_when_none_is_given()
    {
        Sources(ClaimSourceKind.AccessToken, ClaimSourceKind.UserInfo, ClaimSourceKind.Introspection, ClaimSourceKind.IdToken);

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin")));

        resolution.GroupsFrom.Should().Be(ClaimSourceKind.IdToken);
        resolution.Warnings.Select(w => w.Code).Should().Equal(ClaimSourceErrorCodes.SourceSkipped, ClaimSourceErrorCodes.SourceSkipped, ClaimSourceErrorCodes.SourceSkipped, RoleWarningCodes.GroupsWithoutBindings);
        resolution.Warnings[0].Message.Should().Be("claim source 'access-token' skipped: no access token was given beside the ID token (KestraAuthenticationContext.AccessToken; the console's --access-token)");
        resolution.ClaimSources.Should().HaveCount(4);
        _bed.Bed.Http.CountFor(ClaimSourceTestbed.UserInfoUrl).Should().Be(0);
    }

    [Test]
    public async Task When_every_source_is_skipped_the_id_token_outside_the_list_gives_no_groups()
    {
        Sources(ClaimSourceKind.UserInfo);

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin")));

        resolution.Groups.Should().BeEmpty("'id-token' is not among the claim sources, and the only source could not be used");
        resolution.GroupsFrom.Should().BeNull();
        resolution.SourceName.Should().Be("default-role");
        resolution.Warnings.Select(w => w.Code).Should().Equal(ClaimSourceErrorCodes.SourceSkipped);
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal(
            "userinfo: skipped: no access token was given beside the ID token (KestraAuthenticationContext.AccessToken; the console's --access-token)");
    }

    [Test]
    public async Task A_source_missing_from_discovery_is_skipped_with_a_warning()
    {
        Sources(ClaimSourceKind.Introspection, ClaimSourceKind.IdToken);
        _bed.Bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, $"{{\"issuer\":\"{DiscoveryTestbed.Issuer}\",\"jwks_uri\":\"{DiscoveryTestbed.JwksUrl}\"}}");

        var resolution = Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin"), context: new KestraAuthenticationContext { AccessToken = Opaque }));

        resolution.GroupsFrom.Should().Be(ClaimSourceKind.IdToken);
        resolution.Warnings.Should().ContainSingle(w => w.Code == ClaimSourceErrorCodes.SourceSkipped)
            .Which.Message.Should().Be("claim source 'introspection' skipped: the discovery document of client 'keycloak' has no 'introspection_endpoint'; set 'micronaut.security.oauth2.clients.keycloak.openid.introspection.url'");
    }

    [Test]
    public async Task An_inactive_token_fails_the_authentication()
    {
        Sources(ClaimSourceKind.IdToken, ClaimSourceKind.Introspection);
        _bed.AnswerIntrospection("{\"active\":false}");

        var result = await Authenticator.AuthenticateAsync(IdToken(), context: new KestraAuthenticationContext { AccessToken = Opaque });

        result.Succeeded.Should().BeFalse();
        result.Resolution.Should().BeNull();
        result.Code.Should().Be(ClaimSourceErrorCodes.Inactive);
        result.Message.Should().StartWith("KSO5311: the introspection endpoint at");
    }

    [Test]
    public async Task Userinfo_for_another_subject_fails_the_authentication()
    {
        Sources(ClaimSourceKind.UserInfo);
        UserInfoAnswers(sub: "someone-else", roles: "Admin");

        var result = await Authenticator.AuthenticateAsync(IdToken(), context: new KestraAuthenticationContext { AccessToken = Opaque });

        result.Succeeded.Should().BeFalse();
        result.Code.Should().Be(ClaimSourceErrorCodes.SubjectMismatch);
    }

    [Test]
    public async Task An_access_token_of_another_user_beside_the_id_token_fails_the_authentication()
    {
        Sources(ClaimSourceKind.AccessToken);
        var foreign = AccessTokens.Keycloak(_bed.Bed.Time.GetUtcNow()).With("sub", "someone-else").Build();

        var result = await Authenticator.AuthenticateAsync(IdToken(), context: new KestraAuthenticationContext { AccessToken = foreign });

        result.Code.Should().Be(ClaimSourceErrorCodes.SubjectMismatch);
    }

    [Test]
    public async Task An_invalid_access_token_beside_the_id_token_fails_the_authentication()
    {
        Sources(ClaimSourceKind.AccessToken, ClaimSourceKind.IdToken);
        var accountOnly = AccessTokens.Keycloak(_bed.Bed.Time.GetUtcNow()).With("aud", "account").Build();

        var result = await Authenticator.AuthenticateAsync(IdToken("Admin"), context: new KestraAuthenticationContext { AccessToken = accountOnly });

        result.Succeeded.Should().BeFalse();
        result.Code.Should().Be("KSO5208");
        result.AccessTokenValidation!.Failure.Should().Be(AccessTokenCheck.Audience);
    }

    [Test]
    public async Task An_unreachable_introspection_endpoint_is_an_identity_provider_failure_never_a_grant()
    {
        Sources(ClaimSourceKind.IdToken, ClaimSourceKind.Introspection);
        _bed.Bed.Http.Respond(ClaimSourceTestbed.IntrospectionUrl, (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var ex = await FluentActions.Awaiting(() => Authenticator.AuthenticateAsync(IdToken(), context: new KestraAuthenticationContext { AccessToken = Opaque }).AsTask())
            .Should().ThrowAsync<ClaimSourceException>();

        ex.Which.Code.Should().Be(ClaimSourceErrorCodes.Unreachable);
    }

    [Test]
    public async Task An_access_token_alone_gives_groups_from_itself_with_the_default_sources()
    {
        var result = await Authenticator.AuthenticateAccessTokenAsync(AccessToken("Admin"));

        var resolution = Resolved(result);
        resolution.Groups.Should().Equal("Admin");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.AccessToken);
        resolution.Warnings.Should().NotContain(w => w.Code == ClaimSourceErrorCodes.SourceSkipped, "an access token alone has no ID token to miss");
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal(
            "access-token: 1 group(s) at 'resource_access.kestra.roles'");
        result.Validation.Should().BeNull();
        result.AccessTokenValidation!.IsValid.Should().BeTrue();
    }

    [Test]
    public async Task A_lightweight_access_token_alone_gets_its_groups_from_introspection()
    {
        Sources(ClaimSourceKind.IdToken, ClaimSourceKind.Introspection);
        IntrospectionAnswers("Admin");

        var resolution = Resolved(await Authenticator.AuthenticateAccessTokenAsync(AccessToken()));

        resolution.Groups.Should().Equal("Admin");
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.Introspection);
        resolution.Warnings.Should().NotContain(w => w.Code == ClaimSourceErrorCodes.SourceSkipped);
        resolution.ClaimSources.Select(a => a.ToString()).Should().Equal(
            "access-token: no group at 'resource_access.kestra.roles'",
            "id-token: skipped: no ID token (an access token alone)",
            "introspection: 1 group(s) at 'resource_access.kestra.roles'");
    }

    [Test]
    public async Task An_opaque_access_token_alone_is_authenticated_by_introspection()
    {
        Sources(ClaimSourceKind.Introspection);
        IntrospectionAnswers("Admin");

        var result = await Authenticator.AuthenticateAccessTokenAsync(Opaque);

        var resolution = Resolved(result);
        resolution.Subject.Should().Be(ClaimSourceTestbed.Subject);
        resolution.GroupsFrom.Should().Be(ClaimSourceKind.Introspection);
        _bed.IntrospectionRequests.Should().Be(1, "the answer that authenticated the token also gives its claims");
    }

    [Test]
    public async Task An_opaque_access_token_without_introspection_is_refused()
    {
        var result = await Authenticator.AuthenticateAccessTokenAsync(Opaque);

        result.Succeeded.Should().BeFalse();
        result.AccessTokenValidation!.Failure.Should().Be(AccessTokenCheck.Opaque);
        result.Code.Should().Be("KSO5216");
        _bed.Bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task An_inactive_opaque_token_is_refused()
    {
        Sources(ClaimSourceKind.Introspection);
        _bed.AnswerIntrospection("{\"active\":false}");

        var result = await Authenticator.AuthenticateAccessTokenAsync(Opaque);

        result.Succeeded.Should().BeFalse();
        result.Code.Should().Be(ClaimSourceErrorCodes.Inactive);
    }

    [Test]
    public async Task An_invalid_access_token_alone_is_refused_by_its_check()
    {
        var result = await Authenticator.AuthenticateAccessTokenAsync(IdToken("Admin"));

        result.Succeeded.Should().BeFalse();
        result.AccessTokenValidation!.Failure.Should().Be(AccessTokenCheck.TokenType);
        result.Message.Should().StartWith("KSO5215: ");
    }

    [Test]
    public async Task Several_clients_the_issuer_picks_and_an_ambiguous_choice_is_an_error()
    {
        _bed.Bed.Options.Clients["other"] = new OidcClientOptions { ClientId = "other", OpenId = { Issuer = "http://localhost:8088/realms/other" } };
        Resolved(await Authenticator.AuthenticateAsync(IdToken("Admin"))).Client.Should().Be("keycloak");

        _bed.Bed.Options.Clients["twin"] = new OidcClientOptions { ClientId = "kestra", OpenId = { Issuer = DiscoveryTestbed.Issuer } };
        var result = await Authenticator.AuthenticateAsync(IdToken("Admin"));

        result.Succeeded.Should().BeFalse();
        result.Code.Should().Be(ClaimSourceErrorCodes.AmbiguousClient);
        result.Message.Should().StartWith("KSO5322: the clients 'keycloak' (client-id 'kestra'), 'twin' (client-id 'kestra') all have the token's issuer");
    }
}
