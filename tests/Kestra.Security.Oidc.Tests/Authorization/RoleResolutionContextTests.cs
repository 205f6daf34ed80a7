using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Authorization;

/// <summary>The documents a caller passes beside the ID token (<see cref="RoleResolutionContext"/>): diagnostics only, never grants.</summary>
public sealed class RoleResolutionContextTests
{
    private static KestraOidcOptions Guide() =>
        KestraYamlConfiguration.Parse(TestFiles.Read("config", "guide-combined.yml"), "application.yml",
            new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() }).GetOptionsOrThrow();

    private static byte[] Token(string name) => File.ReadAllBytes(TestFiles.PathOf("tokens", name));

    [Test]
    public void Roles_missing_from_the_ID_token_but_present_in_the_userinfo_name_the_userinfo_and_the_mapper_switch()
    {
        using var userInfo = JsonDocument.Parse(Token("keycloak-access-token-with-roles.json"));
        var context = new RoleResolutionContext { UserInfo = userInfo.RootElement };

        var resolution = new KestraRoleResolver(Guide()).Resolve(Token("keycloak-no-kestra-roles.json"), context: context);

        resolution.Source.Should().Be(GroupSource.DefaultRole, "the userinfo never grants: only the ID token counts, as in Kestra");
        resolution.Groups.Should().BeEmpty();
        resolution.Warnings.Single(w => w.Code == RoleWarningCodes.ClaimNotInIdToken).Message.Should().Be(
            "'resource_access.kestra.roles' is in the userinfo response but not in the ID token, and Kestra reads groups from the ID token only; in Keycloak, open Client Scopes → roles → Mappers → client roles and turn on 'Add to ID token' (and request the 'roles' scope)");
    }

    [Test]
    public void A_userinfo_without_the_claim_adds_no_warning()
    {
        using var userInfo = JsonDocument.Parse("""{"sub":"u","email":"u@example.test"}""");

        var resolution = new KestraRoleResolver(Guide()).Resolve(
            Token("keycloak-no-kestra-roles.json"), context: new RoleResolutionContext { UserInfo = userInfo.RootElement });

        resolution.Warnings.Should().NotContain(w => w.Code == RoleWarningCodes.ClaimNotInIdToken);
    }
}
