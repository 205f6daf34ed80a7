using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>Each YAML block of Kestra's Keycloak guide, loaded verbatim.</summary>
public sealed class GuideConfigurationTests
{
    private static readonly KestraConfigurationLoadOptions NoEnvironment = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    private static KestraConfigurationResult LoadFile(string name) =>
        KestraYamlConfiguration.LoadFile(TestFiles.PathOf("config", name), NoEnvironment);

    [Test]
    public void The_template_block_fails_with_an_error_naming_each_unfilled_key()
    {
        var result = LoadFile("guide-1-template.yml");

        result.IsValid.Should().BeFalse();
        var file = TestFiles.PathOf("config", "guide-1-template.yml");
        result.Errors.Select(e => e.ToString()).Should().Equal(
            $"{file}:7:22: micronaut.security.oauth2.clients.keycloak.client-id: error KSO1002: still holds the template '{{{{clientId}}}}' from Kestra's documentation; replace it with the Client ID from Keycloak (Clients → your client → Settings)",
            $"{file}:8:26: micronaut.security.oauth2.clients.keycloak.client-secret: error KSO1002: still holds the template '{{{{clientSecret}}}}' from Kestra's documentation; replace it with the client secret from Keycloak (Clients → your client → Credentials), ideally as ${{KEYCLOAK_CLIENT_SECRET}}",
            $"{file}:10:21: micronaut.security.oauth2.clients.keycloak.openid.issuer: error KSO1002: still holds the template '{{{{keyCloakServer}}}}' from Kestra's documentation; replace it with your Keycloak server and realm, e.g. http://localhost:8088/realms/kestra");
        result.Warnings.Should().BeEmpty("the first block puts endpoints at the right place");
        result.Options.Logout.GetAllowed.Should().BeTrue();
    }

    [Test]
    public void The_default_role_block_loads_the_Editor_role_with_flow_and_block_lists()
    {
        var result = LoadFile("guide-2-default-role.yml");

        result.Diagnostics.Should().BeEmpty();
        var role = result.Options.DefaultRole!;
        role.Name.Should().Be("Editor");
        role.Description.Should().Be("Default Editor role");
        role.Permissions.Should().HaveCount(2);
        role.Permissions["FLOW"].Should().Equal("CREATE", "READ", "UPDATE", "DELETE");
        role.Permissions["EXECUTION"].Should().Equal("CREATE", "READ", "UPDATE", "DELETE");
    }

    [Test]
    public void The_roles_scope_block_loads_with_a_warning_about_the_misplaced_endpoints_block()
    {
        var result = LoadFile("guide-3-roles-scope.yml");

        result.IsValid.Should().BeTrue();
        var client = result.Options.Clients["keycloak"];
        client.ClientId.Should().Be("kestra");
        client.ClientSecret.Should().Be("my-secret");
        client.OpenId.Issuer.Should().Be("http://localhost:8088/realms/kestra");
        client.Scopes.Should().Equal("openid", "profile", "email", "roles");
        result.Options.Logout.GetAllowed.Should().BeFalse("Micronaut ignores the key where the guide puts it");
        result.Warnings.Should().ContainSingle().Which.ToString().Should().Be(
            $"{TestFiles.PathOf("config", "guide-3-roles-scope.yml")}:14:11: micronaut.security.oauth2.endpoints.logout.get-allowed: warning KSO1003: 'micronaut.security.oauth2.endpoints.logout.get-allowed' has no effect: 'endpoints:' is indented under 'oauth2:' (as in the second block of Kestra's Keycloak guide); it belongs at 'micronaut.security.endpoints.logout.get-allowed', so move 'endpoints:' up one level, beside 'oauth2:'");
    }

    [Test]
    public void The_groups_claim_path_block_loads()
    {
        var result = LoadFile("guide-4-groups-claim-path.yml");

        result.Errors.Should().BeEmpty();
        result.Options.GroupsClaimPath.Should().Be("resource_access.kestra.roles");
    }

    [Test]
    public void All_blocks_merged_in_one_file_load_without_diagnostics()
    {
        var result = LoadFile("guide-combined.yml");

        result.Diagnostics.Should().BeEmpty();
        result.Options.Logout.GetAllowed.Should().BeTrue();
        result.Options.GroupsClaimPath.Should().Be("resource_access.kestra.roles");
        result.Options.DefaultRole!.Name.Should().Be("Editor");
        result.Options.Clients.Keys.Should().Equal("keycloak");
    }

    [Test]
    public void All_blocks_pasted_one_after_another_warn_that_YAML_keeps_only_the_last_duplicate_key()
    {
        var yaml = string.Join("\n", new[] { "guide-2-default-role.yml", "guide-3-roles-scope.yml", "guide-4-groups-claim-path.yml" }
            .Select(name => TestFiles.Read("config", name)));

        var result = KestraYamlConfiguration.Parse(yaml, "pasted.yml", NoEnvironment);

        result.Warnings.Select(w => w.Code).Should().Contain(["KSO1016", "KSO1003"]);
        result.Warnings.First(w => w.Code == "KSO1016").ToString().Should().Be(
            "pasted.yml:1:1: kestra: warning KSO1016: duplicate key 'kestra': it appears again at line 29, and YAML (like Micronaut) keeps only the last one, so everything under this one is ignored; merge the two into one block");
        result.Options.DefaultRole.Should().BeNull("as in Kestra, the second 'kestra:' block replaces the first");
    }

    [Test]
    public void The_JSON_form_binds_to_options_equal_to_the_YAML_form()
    {
        var yaml = LoadFile("guide-combined.yml");
        var configuration = new ConfigurationBuilder().AddJsonFile(TestFiles.PathOf("config", "guide-combined.json")).Build();

        var json = KestraConfigurationBinder.Bind(configuration, NoEnvironment);

        json.Diagnostics.Should().BeEmpty();
        json.Options.Should().BeEquivalentTo(yaml.Options);
    }
}
