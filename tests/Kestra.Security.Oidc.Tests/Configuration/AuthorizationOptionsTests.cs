using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>The authorization keys of the library's section (SPEC §4.4): bindings, default-role-mode, require-groups.</summary>
public sealed class AuthorizationOptionsTests
{
    private static KestraConfigurationResult Load(string yaml, Dictionary<string, string?>? environment = null) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = environment ?? [] });

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
}
