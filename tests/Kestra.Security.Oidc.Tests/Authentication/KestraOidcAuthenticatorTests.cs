using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Authentication;

/// <summary><see cref="KestraOidcAuthenticator"/>: validation, then resolution.</summary>
public sealed class KestraOidcAuthenticatorTests
{
    [Test]
    public async Task Several_clients_and_no_client_name_is_an_ArgumentException_on_clientName()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Clients["other"] = new OidcClientOptions { ClientId = "other", OpenId = { Issuer = DiscoveryTestbed.Issuer } };
        var authenticator = new KestraOidcAuthenticator(bed.Options, bed.Validator, new KestraRoleResolver(bed.Options));

        var act = async () => await authenticator.AuthenticateAsync(bed.Token().Build());

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("clientName");
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
        result.Validation.IsValid.Should().BeTrue();
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
        result.Code.Should().Be(result.Validation.Code).And.StartWith("KSO51");
        result.Message.Should().Be(result.Validation.Message);
        result.Resolution.Should().BeNull();
    }
}
