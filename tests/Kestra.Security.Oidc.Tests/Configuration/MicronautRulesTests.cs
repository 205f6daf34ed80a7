using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>Micronaut's key, list, placeholder and environment rules (SPEC §1.2).</summary>
public sealed class MicronautRulesTests
{
    private static KestraConfigurationResult Load(string yaml, Dictionary<string, string?>? environment = null) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = environment ?? [] });

    private const string Client = """
        micronaut:
          security:
            oauth2:
              clients:
                keycloak:
                  client-id: kestra
                  openid:
                    issuer: http://localhost:8088/realms/kestra
        """;

    [TestCase("client-id")]
    [TestCase("clientId")]
    [TestCase("client_id")]
    [TestCase("ClientId")]
    public void CamelCase_kebab_case_and_snake_case_keys_are_the_same_key(string key)
    {
        var result = Load(Client.Replace("client-id", key, StringComparison.Ordinal));

        result.Diagnostics.Should().BeEmpty();
        result.Options.Clients["keycloak"].ClientId.Should().Be("kestra");
    }

    [Test]
    public void Dotted_keys_are_paths_as_in_Micronaut()
    {
        var result = Load("""
            kestra.security.oidc.groups-claim-path: resource_access.kestra.roles
            kestra.security.defaultRole.name: Editor
            kestra.security.defaultRole.permissions.FLOW: [READ]
            """);

        result.Diagnostics.Should().BeEmpty();
        result.Options.GroupsClaimPath.Should().Be("resource_access.kestra.roles");
        result.Options.DefaultRole!.Permissions["FLOW"].Should().Equal("READ");
    }

    [Test]
    public void Permission_and_action_names_are_matched_case_insensitively_with_dash_for_underscore()
    {
        var result = Load("""
            kestra:
              security:
                default-role:
                  name: Ops
                  permissions:
                    flow: [create, Read]
                    ai-copilot: [READ]
                    Execution: "update,delete"
            """);

        result.Diagnostics.Should().BeEmpty();
        result.Options.DefaultRole!.Permissions.Should().BeEquivalentTo(new Dictionary<string, IList<string>>
        {
            ["FLOW"] = ["CREATE", "READ"],
            ["AI_COPILOT"] = ["READ"],
            ["EXECUTION"] = ["UPDATE", "DELETE"],
        });
    }

    [Test]
    public void Scopes_default_to_openid_email_profile()
    {
        Load(Client).Options.Clients["keycloak"].Scopes.Should().Equal("openid", "email", "profile");
    }

    [Test]
    public void A_placeholder_is_read_from_the_environment()
    {
        var result = Load(Client.Replace("client-id: kestra", "client-id: ${KEYCLOAK_CLIENT_ID}", StringComparison.Ordinal),
            new() { ["KEYCLOAK_CLIENT_ID"] = "from-env" });

        result.Options.Clients["keycloak"].ClientId.Should().Be("from-env");
    }

    [Test]
    public void A_placeholder_default_applies_when_the_variable_is_unset_or_empty()
    {
        var yaml = Client.Replace("client-id: kestra", "client-id: ${KEYCLOAK_CLIENT_ID:kestra-default}", StringComparison.Ordinal);

        Load(yaml).Options.Clients["keycloak"].ClientId.Should().Be("kestra-default");
        Load(yaml, new() { ["KEYCLOAK_CLIENT_ID"] = "" }).Options.Clients["keycloak"].ClientId.Should().Be("kestra-default");
    }

    [Test]
    public void A_placeholder_with_several_names_tries_each_then_the_literal()
    {
        var yaml = Client.Replace("client-id: kestra", "client-id: ${A:B:literal}", StringComparison.Ordinal);

        Load(yaml).Options.Clients["keycloak"].ClientId.Should().Be("literal");
        Load(yaml, new() { ["B"] = "from-b" }).Options.Clients["keycloak"].ClientId.Should().Be("from-b");
        Load(yaml, new() { ["A"] = "from-a", ["B"] = "from-b" }).Options.Clients["keycloak"].ClientId.Should().Be("from-a");
    }

    [Test]
    public void A_backtick_default_is_literal_and_may_contain_colons()
    {
        var result = Load(Client.Replace("issuer: http://localhost:8088/realms/kestra", "issuer: \"${ISSUER:`http://localhost:8088/realms/kestra`}\"", StringComparison.Ordinal));

        result.Diagnostics.Should().BeEmpty();
        result.Options.Clients["keycloak"].OpenId.Issuer.Should().Be("http://localhost:8088/realms/kestra");
    }

    [Test]
    public void A_default_with_colons_outside_backticks_is_split_as_Micronaut_does_and_warned_about()
    {
        var result = Load(Client.Replace("issuer: http://localhost:8088/realms/kestra", "issuer: \"${ISSUER:http://localhost:8088/realms/kestra}\"", StringComparison.Ordinal));

        result.Options.Clients["keycloak"].OpenId.Issuer.Should().Be("8088/realms/kestra");
        result.Diagnostics.Select(d => d.Code).Should().Equal("KSO1020", "KSO1010");
        result.Diagnostics[0].Message.Should().Contain("wrap a literal default in backticks: '${ISSUER:`http://localhost:8088/realms/kestra`}'");
    }

    [Test]
    public void A_placeholder_can_refer_to_another_property()
    {
        var result = Load(Client + """

            kestra:
              url: http://localhost:8080
              security:
                default-role:
                  name: Editor
                  description: "Kestra at ${kestra.url}"
            """);

        result.Options.DefaultRole!.Description.Should().Be("Kestra at http://localhost:8080");
    }

    [Test]
    public void An_unresolved_placeholder_is_an_error_naming_the_variable()
    {
        var result = Load(Client.Replace("client-id: kestra", "client-id: ${KEYCLOAK_CLIENT_ID}", StringComparison.Ordinal));

        result.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            "application.yml:6:22: micronaut.security.oauth2.clients.keycloak.client-id: error KSO1011: could not resolve placeholder '${KEYCLOAK_CLIENT_ID}': there is no property 'KEYCLOAK_CLIENT_ID' and no environment variable 'KEYCLOAK_CLIENT_ID' (an empty one counts as unset); set it, or give a default as '${KEYCLOAK_CLIENT_ID:value}'");
    }

    [Test]
    public void An_environment_variable_overrides_a_key_with_underscores_for_dots_and_dashes()
    {
        var result = Load(Client, new()
        {
            ["MICRONAUT_SECURITY_OAUTH2_CLIENTS_KEYCLOAK_CLIENT_SECRET"] = "s3cr3t",
            ["MICRONAUT_SECURITY_OAUTH2_CLIENTS_KEYCLOAK_OPENID_ISSUER"] = "http://127.0.0.1:8088/realms/other",
            ["KESTRA_SECURITY_OIDC_GROUPS_CLAIM_PATH"] = "groups",
            ["MICRONAUT_SECURITY_ENDPOINTS_LOGOUT_GET_ALLOWED"] = "true",
            ["KESTRA_SECURITY_DEFAULT_ROLE_PERMISSIONS_FLOW"] = "READ,UPDATE",
            ["KESTRA_SECURITY_DEFAULT_ROLE_NAME"] = "Viewer",
            ["KESTRA_UNRELATED_SETTING"] = "ignored",
        });

        result.Diagnostics.Should().BeEmpty();
        var client = result.Options.Clients["keycloak"];
        client.ClientSecret.Should().Be("s3cr3t");
        client.OpenId.Issuer.Should().Be("http://127.0.0.1:8088/realms/other");
        result.Options.GroupsClaimPath.Should().Be("groups");
        result.Options.Logout.GetAllowed.Should().BeTrue();
        result.Options.DefaultRole!.Name.Should().Be("Viewer");
        result.Options.DefaultRole.Permissions["FLOW"].Should().Equal("READ", "UPDATE");
    }

    [Test]
    public void An_environment_variable_can_define_a_client_that_the_file_does_not_have()
    {
        var result = Load("micronaut: {}", new()
        {
            ["MICRONAUT_SECURITY_OAUTH2_CLIENTS_OKTA_CLIENT_ID"] = "kestra",
            ["MICRONAUT_SECURITY_OAUTH2_CLIENTS_OKTA_OPENID_ISSUER"] = "http://localhost:9000/oauth2/default",
        });

        result.Diagnostics.Should().BeEmpty();
        result.Options.Clients["okta"].ClientId.Should().Be("kestra");
    }

    [Test]
    public void Multiple_documents_are_merged_with_later_ones_winning()
    {
        var result = Load(Client + "\n---\nmicronaut.security.oauth2.clients.keycloak.client-id: second\n");

        result.Diagnostics.Should().BeEmpty();
        result.Options.Clients["keycloak"].ClientId.Should().Be("second");
    }

    [Test]
    public void Extension_settings_bind_from_their_own_section()
    {
        var result = Load(Client + """

            kestra-security-oidc:
              group-paths: last-segment
              group-matching: ignore-case
              roles:
                Admin:
                  permissions:
                    FLOW: [VIEW, LIST, EXECUTE]
              group-bindings:
                - group: admins
                  roles: [Admin]
                  namespace: prod
              discovery:
                timeout: 5s
                refresh-interval: PT30M
                back-channel-base-urls:
                  keycloak: http://keycloak:8080
              validation:
                clock-skew: 30s
                algorithms: [RS256, PS256]
            """);

        result.Diagnostics.Should().BeEmpty();
        var extensions = result.Options.Extensions;
        extensions.GroupPaths.Should().Be(GroupPathMode.LastSegment);
        extensions.GroupMatching.Should().Be(GroupMatching.IgnoreCase);
        extensions.Roles["Admin"].Permissions["FLOW"].Should().Equal("VIEW", "LIST", "EXECUTE");
        extensions.GroupBindings.Should().ContainSingle().Which.Should().BeEquivalentTo(new GroupBindingOptions { Group = "admins", Roles = ["Admin"], Namespace = "prod" });
        extensions.Discovery.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        extensions.Discovery.RefreshInterval.Should().Be(TimeSpan.FromMinutes(30));
        extensions.Discovery.BackChannelBaseUrls["keycloak"].Should().Be("http://keycloak:8080");
        extensions.Validation.ClockSkew.Should().Be(TimeSpan.FromSeconds(30));
        extensions.Validation.Algorithms.Should().Equal("RS256", "PS256");
    }
}
