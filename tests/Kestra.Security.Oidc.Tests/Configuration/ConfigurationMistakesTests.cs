using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>The mistakes of SPEC §1.3, each with the exact message an operator reads.</summary>
public sealed class ConfigurationMistakesTests
{
    private static KestraConfigurationResult Load(string yaml) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

    private static IEnumerable<string> Lines(KestraConfigurationResult result) => result.Diagnostics.Select(d => d.ToString());

    [Test]
    public void An_unknown_key_under_a_known_section_is_a_warning_with_the_closest_key()
    {
        var result = Load("""
            kestra:
              security:
                oidc:
                  groups-claim-paht: groups
            """);

        result.IsValid.Should().BeTrue();
        Lines(result).Should().Equal(
            "application.yml:4:7: kestra.security.oidc.groups-claim-paht: warning KSO1004: unknown key 'groups-claim-paht' under 'kestra.security.oidc'; did you mean 'groups-claim-path'?");
    }

    [Test]
    public void An_unknown_key_with_no_close_match_lists_the_known_keys()
    {
        var result = Load("micronaut.security.endpoints.logout.redirect: /bye");

        Lines(result).Should().Equal(
            "application.yml:1:1: micronaut.security.endpoints.logout.redirect: warning KSO1004: unknown key 'redirect' under 'micronaut.security.endpoints.logout'; known keys: enabled, get-allowed, path");
    }

    [Test]
    public void Keys_of_Micronaut_and_Kestra_that_the_library_does_not_read_are_not_reported()
    {
        var result = Load("""
            micronaut:
              server:
                port: 8080
              security:
                token:
                  jwt: {}
            kestra:
              repository:
                type: postgres
              security:
                encryption: {}
            datasources: {}
            """);

        result.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void An_unknown_permission_is_an_error_listing_the_valid_names()
    {
        var result = Load("""
            kestra:
              security:
                defaultRole:
                  name: Editor
                  permissions:
                    FLOWS: [READ]
            """);

        result.Errors.Should().ContainSingle().Which.ToString().Should().StartWith(
            "application.yml:6:9: kestra.security.default-role.permissions.FLOWS: error KSO1005: unknown permission 'FLOWS'; did you mean 'FLOW'? valid permissions: AI_COPILOT, APITOKEN, APP, APPEXECUTION, ASSET, AUDITLOG, BINDING,");
    }

    [Test]
    public void An_unknown_action_is_an_error_at_the_action_listing_the_valid_actions()
    {
        var result = Load("""
            kestra:
              security:
                defaultRole:
                  name: Editor
                  permissions:
                    EXECUTION:
                      - READ
                      - EXPLODE
            """);

        Lines(result).Should().Equal(
            "application.yml:8:13: kestra.security.default-role.permissions.EXECUTION[1]: error KSO1006: unknown action 'EXPLODE' for 'EXECUTION'; valid actions: ACCESS_FILES, ACCESS_LOGS, ACCESS_OUTPUTS, CHANGE_LABELS, CREATE, DELETE, EXPORT, FOLLOW, FORCE_RUN, KILL, LIST, PAUSE, READ, REPLAY, RESTART, RESUME, UNQUEUE, UPDATE, VIEW");
    }

    [Test]
    public void A_deprecated_permission_is_accepted_with_a_warning()
    {
        var result = Load("kestra.security.default-role: { name: Me, permissions: { ME: [READ] } }");

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Code.Should().Be("KSO1012");
    }

    [Test]
    public void Malformed_YAML_is_an_error_with_its_position()
    {
        var result = Load("""
            micronaut:
              security:
                oauth2:
                  clients: [unclosed
            """);

        result.IsValid.Should().BeFalse();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be("KSO1001");
        error.Location.Line.Should().BeGreaterThan(0);
        error.ToString().Should().StartWith("application.yml:");
    }

    [Test]
    public void Tabs_for_indentation_are_malformed_YAML_not_a_crash()
    {
        var result = Load("micronaut:\n\tsecurity: {}\n");

        result.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("application.yml:1:1: (document): error KSO1001: malformed YAML:");
    }

    [Test]
    public void Wrong_types_are_errors_naming_what_was_expected()
    {
        var result = Load("""
            micronaut:
              security:
                oauth2:
                  enabled: maybe
                  clients:
                    keycloak:
                      client-id: [a, b]
                      openid: "http://localhost:8088/realms/kestra"
            """);

        Lines(result).Should().Equal(
            "application.yml:4:16: micronaut.security.oauth2.enabled: error KSO1015: 'maybe' is not valid here; expected true or false",
            "application.yml:7:22: micronaut.security.oauth2.clients.keycloak.client-id: error KSO1007: expected a single value here, found a list",
            "application.yml:8:19: micronaut.security.oauth2.clients.keycloak.openid: error KSO1007: expected a section of keys here, found a single value");
    }

    [Test]
    public void Missing_client_id_and_issuer_are_reported_at_the_client_together_with_every_other_error()
    {
        var result = Load("""
            micronaut:
              security:
                oauth2:
                  clients:
                    keycloak:
                      client-secret: hunter2
                    okta:
                      client-id: kestra
                      openid:
                        issuer: not a url
            kestra:
              url: localhost:8080
            """);

        Lines(result).Should().Equal(
            "application.yml:5:9: micronaut.security.oauth2.clients.keycloak.client-id: error KSO1008: the client has no 'client-id'; copy the Client ID from Keycloak (Clients → your client → Settings)",
            "application.yml:5:9: micronaut.security.oauth2.clients.keycloak.openid.issuer: error KSO1009: the client has no 'openid.issuer'; set it to your realm's URL, e.g. http://localhost:8088/realms/kestra",
            "application.yml:10:21: micronaut.security.oauth2.clients.okta.openid.issuer: error KSO1010: the issuer 'not a url' is not an absolute http(s) URL without query or fragment; use the realm's URL, e.g. http://localhost:8088/realms/kestra",
            "application.yml:12:8: kestra.url: error KSO1014: 'localhost:8080' is not an absolute http(s) URL; Kestra's public base URL, e.g. http://localhost:8080 must be one");
    }

    [Test]
    public void An_issuer_that_is_the_discovery_URL_is_a_warning()
    {
        var result = Load("""
            micronaut.security.oauth2.clients.keycloak:
              client-id: kestra
              openid.issuer: http://localhost:8088/realms/kestra/.well-known/openid-configuration
            """);

        result.IsValid.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Code.Should().Be("KSO1013");
    }

    [Test]
    public void HS_and_none_algorithms_are_refused()
    {
        var result = Load("kestra-security-oidc.validation.algorithms: [RS256, HS256, none]");

        result.Errors.Select(e => e.Code).Should().Equal("KSO1015", "KSO1015");
    }

    [Test]
    public void A_binding_to_an_unknown_role_is_an_error()
    {
        var result = Load("""
            kestra-security-oidc:
              group-bindings:
                - group: admins
                  roles: [Admin]
            """);

        Lines(result).Should().Equal(
            "application.yml:4:7: kestra-security-oidc.group-bindings[0].roles: error KSO1015: the binding refers to an unknown role 'Admin'; define it under 'kestra-security-oidc.roles' (known roles: none)");
    }

    [Test]
    public void The_client_secret_never_appears_in_messages_or_ToString()
    {
        const string secret = "Sup3r-S3cret-Value";
        var result = Load($$"""
            micronaut:
              security:
                oauth2:
                  enabled: true
                  clients:
                    keycloak:
                      client-id: kestra
                      client-secret: "{{secret}}"
                      openid:
                        issuer: http://localhost:8088/realms/kestra
                    broken:
                      client-id: x
                      client-secret: [ "{{secret}}" ]
                      openid.issuer: "https://${NOPE:{{secret}}:`x`}"
            kestra.security.super-admin:
              username: admin
              password: "{{secret}}"
            """);

        result.Diagnostics.Should().NotBeEmpty();
        result.Diagnostics.Should().AllSatisfy(d => d.ToString().Should().NotContain(secret));
        result.Options.ToString().Should().NotContain(secret);
        result.Options.Clients["keycloak"].ToString().Should().NotContain(secret).And.Contain("ClientSecret = ***");
        result.Options.Clients["keycloak"].ClientSecret.Should().Be(secret);
    }

    [Test]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var result = KestraYamlConfiguration.LoadFile("/nonexistent/application.yml");

        result.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("/nonexistent/application.yml: (document): error KSO1019: cannot read the file:");
    }

    [Test]
    public void GetOptionsOrThrow_lists_every_error()
    {
        var result = Load(TestFiles.Read("config", "guide-1-template.yml"));

        var act = () => result.GetOptionsOrThrow();

        act.Should().Throw<KestraConfigurationException>()
            .Which.Errors.Should().HaveCount(3);
    }
}
