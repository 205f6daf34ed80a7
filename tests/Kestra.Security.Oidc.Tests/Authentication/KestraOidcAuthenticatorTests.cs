using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using System.Text;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;

namespace Kestra.Security.Oidc.Tests.Authentication;

/// <summary><see cref="KestraOidcAuthenticator"/>: validation, then resolution.</summary>
public sealed class KestraOidcAuthenticatorTests
{
    [Test]
    public async Task Several_clients_and_no_client_name_the_token_picks_by_issuer_then_azp()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Clients["other"] = new OidcClientOptions { ClientId = "other", OpenId = { Issuer = DiscoveryTestbed.Issuer } };
        var authenticator = new KestraOidcAuthenticator(bed.Options, bed.Validator, new KestraRoleResolver(bed.Options));

        var result = await authenticator.AuthenticateAsync(bed.Token().Build());

        result.Succeeded.Should().BeTrue(result.Message);
        result.Resolution!.Client.Should().Be(DiscoveryTestbed.Client);
    }

    private static KestraOidcAuthenticator RequiringGroups(DiscoveryTestbed bed)
    {
        bed.Options.GroupsClaimPath = "resource_access.kestra.roles";
        bed.Options.DefaultRole = new RoleOptions { Name = "Viewer", Permissions = { ["FLOW"] = ["VIEW"] } };
        bed.Options.Extensions.RequireGroups = true;
        return new KestraOidcAuthenticator(bed.Options, bed.Validator, new KestraRoleResolver(bed.Options));
    }

    [Test]
    public async Task Require_groups_refuses_a_valid_token_without_groups_with_a_typed_failure_and_its_code()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = RequiringGroups(bed);

        var result = await authenticator.AuthenticateAsync(bed.Token().Without("resource_access").Build(), DiscoveryTestbed.Client);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(KestraAuthenticationFailure.GroupsRequired);
        result.Code.Should().Be("KSO4010");
        result.Message.Should().StartWith("KSO4010: the user has no group at 'resource_access.kestra.roles'");
        result.Validation!.IsValid.Should().BeTrue();
        result.Resolution!.Refusal!.Code.Should().Be(RoleWarningCodes.GroupsRequired);
        result.Resolution.Permissions.Should().BeEmpty();
    }

    [Test]
    public async Task Require_groups_lets_a_user_with_groups_in()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = RequiringGroups(bed);

        var result = await authenticator.AuthenticateAsync(bed.Token().Build(), DiscoveryTestbed.Client);

        result.Succeeded.Should().BeTrue();
        result.Failure.Should().BeNull();
        result.Code.Should().BeNull();
        result.Message.Should().BeEmpty();
        result.Resolution!.Groups.Should().Equal("Admin", "Developer");
    }

    [Test]
    public async Task A_rejected_token_is_a_TokenRejected_failure_with_the_check_code()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = RequiringGroups(bed);

        var result = await authenticator.AuthenticateAsync(bed.Token().With("aud", "other").Build(), DiscoveryTestbed.Client);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(KestraAuthenticationFailure.TokenRejected);
        result.Code.Should().Be(result.Validation!.Code).And.StartWith("KSO51");
        result.Message.Should().Be(result.Validation!.Message);
        result.Resolution.Should().BeNull();
    }

    private static IEnumerable<TestCaseData> IdentityShapes()
    {
        yield return new TestCaseData("preferred_username", "élise", "élise").SetName("A username sent escaped (\\u00e9) is unescaped");
        yield return new TestCaseData("preferred_username", "", null).SetName("An empty username is none");
        yield return new TestCaseData("preferred_username", new[] { "", "alice" }, "alice").SetName("A username array gives its first non-empty string");
        yield return new TestCaseData("preferred_username", 42, null).SetName("A number is not a username");
        yield return new TestCaseData("email", "ops+kestra@example.com", "ops+kestra@example.com").SetName("An email with an escaped plus sign");
        yield return new TestCaseData("email", null, null).SetName("A null email is none");
    }

    /// <summary>
    /// An ID token and a Keycloak access token carrying <paramref name="claim"/>, resolved through the authenticator, and their
    /// payloads resolved directly by the same resolver.
    /// </summary>
    private static async Task<(RoleResolution FromIdToken, RoleResolution FromAccessToken, RoleResolution Direct, RoleResolution DirectAccess)> BothWaysAsync(
        DiscoveryTestbed bed, string claim, object? value)
    {
        var resolver = new KestraRoleResolver(bed.Options);
        var authenticator = new KestraOidcAuthenticator(bed.Options, bed.Validator, resolver);
        var idToken = bed.Token().With(claim, value);
        var accessToken = AccessTokens.Keycloak(bed.Time.GetUtcNow()).With(claim, value);
        return (
            (await authenticator.AuthenticateAsync(idToken.Build(), DiscoveryTestbed.Client)).Resolution!,
            (await authenticator.AuthenticateAccessTokenAsync(accessToken.Build(), DiscoveryTestbed.Client)).Resolution!,
            resolver.Resolve(Encoding.UTF8.GetBytes(idToken.PayloadJson())),
            resolver.Resolve(Encoding.UTF8.GetBytes(accessToken.PayloadJson())));
    }

    /// <summary>
    /// The authenticator takes the identity from where the validator located it (issue 15) instead of reading the payload
    /// again: it must give exactly what the resolver gives from the payload itself, whatever the shape.
    /// </summary>
    [TestCaseSource(nameof(IdentityShapes))]
    public async Task The_identity_is_what_the_resolver_reads_from_the_payload(string claim, object? value, string? expected)
    {
        using var bed = new DiscoveryTestbed();
        var (fromIdToken, fromAccessToken, direct, _) = await BothWaysAsync(bed, claim, value);

        var actual = claim == "email" ? fromIdToken.Email : fromIdToken.PreferredUsername;
        actual.Should().Be(expected);
        (claim == "email" ? fromAccessToken.Email : fromAccessToken.PreferredUsername).Should().Be(expected);
        (claim == "email" ? direct.Email : direct.PreferredUsername).Should().Be(expected);
        fromIdToken.Subject.Should().Be(direct.Subject).And.NotBeNull();
        (claim == "email" ? fromIdToken.PreferredUsername : fromIdToken.Email).Should().Be(claim == "email" ? direct.PreferredUsername : direct.Email);
    }

    [Test]
    public async Task An_access_token_without_sub_resolves_without_a_subject()
    {
        using var bed = new DiscoveryTestbed();
        var authenticator = new KestraOidcAuthenticator(bed.Options, bed.Validator, new KestraRoleResolver(bed.Options));

        var result = await authenticator.AuthenticateAccessTokenAsync(
            AccessTokens.Keycloak(bed.Time.GetUtcNow()).Without("sub").With("client_id", "reporting-job").Build(), DiscoveryTestbed.Client);

        result.Succeeded.Should().BeTrue(result.Message);
        result.AccessTokenValidation!.Subject.Should().Be("reporting-job", "the validator names the token's owner by its client");
        result.Resolution!.Subject.Should().BeNull("the resolution's subject is the 'sub' claim, and there is none");
    }

    private static IEnumerable<TestCaseData> GroupShapes()
    {
        yield return new TestCaseData("resource_access.kestra.roles", "resource_access", new Dictionary<string, object> { ["kestra"] = new { roles = new[] { "Admin", "Ops" } } }, new[] { "Admin", "Ops" });
        yield return new TestCaseData("resource_access.kestra.roles", "resource_access", "not an object", Array.Empty<string>());
        yield return new TestCaseData("resource_access.kestra.roles", "resource_access", new Dictionary<string, object> { ["kestra"] = new { roles = new object[] { "Admin", 7 } } }, new[] { "Admin" });
        yield return new TestCaseData("groups", "groups", new[] { "/kestra/admins", "/kestra/ops" }, new[] { "/kestra/admins", "/kestra/ops" });
        yield return new TestCaseData("groups", "groups", "a,b", new[] { "a,b" });
        yield return new TestCaseData("realm_access.roles[0]", "realm_access", new { roles = new[] { "first", "second" } }, new[] { "first" });
        yield return new TestCaseData("resource_access.kestra.roles", "resource_access.kestra.roles", new[] { "literal" }, new[] { "literal" });
    }

    /// <summary>The groups path starts where the strict payload pass located its first member (issue 15): same groups, same warnings.</summary>
    [TestCaseSource(nameof(GroupShapes))]
    public async Task The_groups_are_what_the_resolver_reads_from_the_payload(string path, string claim, object value, string[] expected)
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.GroupsClaimPath = path;
        var (fromIdToken, fromAccessToken, direct, directAccess) = await BothWaysAsync(bed, claim, value);

        fromIdToken.Groups.Should().Equal(expected);
        fromIdToken.Groups.Should().Equal(direct.Groups);
        fromIdToken.Warnings.Select(w => w.Code).Should().Equal(direct.Warnings.Select(w => w.Code));
        fromAccessToken.Groups.Should().Equal(directAccess.Groups);
        fromAccessToken.Warnings.Select(w => w.Code).Should().Equal(directAccess.Warnings.Select(w => w.Code));
    }
}
