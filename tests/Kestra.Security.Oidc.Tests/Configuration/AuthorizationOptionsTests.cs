using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>The authorization keys of the library's section (SPEC §4.4): bindings, default-role-mode, require-groups.</summary>
public sealed class AuthorizationOptionsTests
{
    private static KestraConfigurationResult Load(string yaml, Dictionary<string, string?>? environment = null) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = environment ?? new Dictionary<string, string?>() });

    private static IEnumerable<string> Lines(KestraConfigurationResult result) => result.Diagnostics.Select(d => d.ToString());

    private const string Binding = """
        kestra-security-oidc:
          roles:
            Admin: { permissions: { FLOW: [VIEW] } }
          group-bindings:
            - group: admins
              roles: [Admin]

        """;

    [TestCase("namespace: ${TEAM_NS:}", 7, 18)]
    [TestCase("namespace: \"\"", 7, 18)]
    [TestCase("namespace: \"  \"", 7, 18)]
    [TestCase("namespace:", 7, 17)]
    public void A_binding_with_an_empty_namespace_is_a_located_error_not_a_global_grant(string line, int row, int column)
    {
        var result = Load(Binding + "      " + line + "\n");

        result.IsValid.Should().BeFalse();
        Lines(result).Should().Equal(
            $"application.yml:{row}:{column}: kestra-security-oidc.group-bindings[0].namespace: error KSO1022: the binding's namespace is empty, which would grant its roles in every namespace; set the namespace (e.g. prod), or remove the 'namespace' key for a binding that applies everywhere");
    }

    [Test]
    public void A_binding_namespace_from_a_set_variable_is_kept()
    {
        var result = Load(Binding + "      namespace: ${TEAM_NS:}\n", new Dictionary<string, string?> { ["TEAM_NS"] = "prod.team" });

        result.IsValid.Should().BeTrue(string.Join('\n', Lines(result)));
        result.Options.Extensions.GroupBindings[0].Namespace.Should().Be("prod.team");
    }

    [Test]
    public void A_blank_binding_namespace_set_in_code_is_an_error()
    {
        var options = Load(Binding).GetOptionsOrThrow();
        options.Extensions.GroupBindings[0].Namespace = " ";

        KestraOidcOptionsValidator.Validate(options).Select(d => (d.Code, d.Key))
            .Should().Equal(("KSO1022", "kestra-security-oidc.group-bindings[0].namespace"));
    }

    private const string Client = """
        micronaut.security.oauth2.clients.keycloak:
          client-id: kestra
          openid.issuer: http://localhost:8088/realms/kestra
        kestra.security.oidc.groups-claim-path: groups

        """;

    [Test]
    public void Default_role_mode_and_require_groups_default_to_the_design_rule()
    {
        var options = Load(Client).GetOptionsOrThrow();

        options.Extensions.DefaultRoleMode.Should().Be(DefaultRoleMode.WithoutGroups);
        options.Extensions.RequireGroups.Should().BeFalse();
    }

    [TestCase("always", DefaultRoleMode.Always)]
    [TestCase("ALWAYS", DefaultRoleMode.Always)]
    [TestCase("without-groups", DefaultRoleMode.WithoutGroups)]
    [TestCase("without_groups", DefaultRoleMode.WithoutGroups)]
    public void Default_role_mode_is_read_in_Micronaut_enum_style(string text, DefaultRoleMode expected)
    {
        var options = Load(Client + $"kestra-security-oidc.default-role-mode: {text}\n").GetOptionsOrThrow();

        options.Extensions.DefaultRoleMode.Should().Be(expected);
    }

    [Test]
    public void Require_groups_is_read_as_a_boolean()
    {
        var options = Load(Client + "kestra-security-oidc:\n  require-groups: true\n").GetOptionsOrThrow();

        options.Extensions.RequireGroups.Should().BeTrue();
    }

    [Test]
    public void An_unknown_default_role_mode_is_a_located_error_listing_the_modes()
    {
        var result = Load(Client + "kestra-security-oidc.default-role-mode: sometimes\n");

        Lines(result).Should().Equal(
            "application.yml:5:41: kestra-security-oidc.default-role-mode: error KSO1015: 'sometimes' is not valid here; expected without-groups or always");
    }

    [Test]
    public void Require_groups_without_a_groups_claim_path_is_an_error()
    {
        var result = Load("""
            kestra-security-oidc:
              require-groups: yes
            """);

        Lines(result).Should().Equal(
            "application.yml:2:19: kestra-security-oidc.require-groups: error KSO1015: require-groups is true but 'kestra.security.oidc.groups-claim-path' is not set, so every user would be refused; set the groups claim path, or remove require-groups");
    }

    [Test]
    public void The_new_keys_bind_from_IConfiguration_like_from_YAML_and_survive_the_options_copy()
    {
        var json = """
            {
              "micronaut": { "security": { "oauth2": { "clients": { "keycloak": {
                "client-id": "kestra", "openid": { "issuer": "http://localhost:8088/realms/kestra" } } } } } },
              "kestra": { "security": { "oidc": { "groups-claim-path": "groups" } } },
              "kestra-security-oidc": { "defaultRoleMode": "always", "require-groups": true }
            }
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder().AddJsonStream(stream).Build();

        var bound = KestraConfigurationBinder.Bind(configuration, new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });
        var copy = new KestraOidcOptions();
        bound.GetOptionsOrThrow().CopyTo(copy);

        bound.Diagnostics.Should().BeEmpty();
        copy.Extensions.DefaultRoleMode.Should().Be(DefaultRoleMode.Always);
        copy.Extensions.RequireGroups.Should().BeTrue();
    }

    [Test]
    public void A_misspelt_require_groups_is_a_warning_with_the_right_key()
    {
        var result = Load(Client + "kestra-security-oidc.require-group: true\n");

        result.Warnings.Should().ContainSingle().Which.Message.Should().Contain("did you mean 'require-groups'?");
    }
}
