using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Authorization;

/// <summary>The authorization rules of SPEC §4.4: expansion per grant, cache keys, exact group matching.</summary>
public sealed class AuthorizationRulesTests
{
    private static readonly KestraConfigurationLoadOptions NoEnvironment = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    private const string Client = """
        micronaut.security.oauth2.clients.keycloak:
          client-id: kestra
          openid.issuer: http://localhost:8088/realms/kestra
        kestra.security.oidc.groups-claim-path: groups

        """;

    private static KestraRoleResolver Resolver(string yaml) =>
        new(KestraYamlConfiguration.Parse(Client + yaml, "application.yml", NoEnvironment).GetOptionsOrThrow());

    private static byte[] Groups(params string[] groups) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { sub = "alice", groups }));

    private const string TwoModels = """
        kestra-security-oidc:
          roles:
            FlowEditor2:            # 2.0 vocabulary: UPDATE means UPDATE only
              permissions:
                FLOW: [VIEW, LIST, UPDATE]
                EXECUTION: [VIEW, UPDATE]
            FlowEditor1:            # 1.x vocabulary: UPDATE expands to EXECUTE, KILL, …
              permissions:
                FLOW: [READ, UPDATE]
                EXECUTION: [READ, UPDATE]
          group-bindings:
            - group: v2
              roles: [FlowEditor2]
            - group: v1
              roles: [FlowEditor1]
            - group: v1-in-prod
              roles: [FlowEditor1]
              namespace: prod
        """;

    [TestCase("FLOW", "EXECUTE")]
    [TestCase("FLOW", "DISABLE")]
    [TestCase("FLOW", "EXPORT")]
    [TestCase("EXECUTION", "KILL")]
    [TestCase("EXECUTION", "RESTART")]
    [TestCase("EXECUTION", "ACCESS_LOGS")]
    public void A_role_in_the_2_0_vocabulary_is_not_expanded(string permission, string action)
    {
        var resolution = Resolver(TwoModels).Resolve(Groups("v2"));

        resolution.IsAllowed(permission, action).Should().BeFalse();
        resolution.IsAllowed(permission, action, "prod").Should().BeFalse();
        resolution.IsAllowed(permission, "UPDATE").Should().BeTrue();
    }

    [TestCase("FLOW", "EXECUTE")]
    [TestCase("FLOW", "EXPORT")]
    [TestCase("EXECUTION", "KILL")]
    [TestCase("EXECUTION", "ACCESS_LOGS")]
    public void A_role_in_the_1x_vocabulary_is_expanded(string permission, string action)
    {
        var resolution = Resolver(TwoModels).Resolve(Groups("v1"));

        resolution.IsAllowed(permission, action).Should().BeTrue();
    }

    [Test]
    public void Merged_grants_keep_the_model_of_the_role_that_gave_them()
    {
        // v2 gives FLOW UPDATE everywhere (2.0: no EXECUTE); v1-in-prod gives FLOW UPDATE in prod (1.x: EXECUTE too).
        var resolution = Resolver(TwoModels).Resolve(Groups("v2", "v1-in-prod"));

        resolution.IsAllowed("FLOW", "EXECUTE").Should().BeFalse();
        resolution.IsAllowed("FLOW", "EXECUTE", "dev").Should().BeFalse();
        resolution.IsAllowed("FLOW", "EXECUTE", "prod.eng").Should().BeTrue();
        resolution.IsAllowed("EXECUTION", "KILL", "prod").Should().BeTrue();
        resolution.IsAllowed("EXECUTION", "KILL", "dev").Should().BeFalse();
    }

    [Test]
    public void The_grant_cache_keeps_group_lists_that_join_to_the_same_text_apart()
    {
        const string yaml = """
            kestra-security-oidc:
              roles:
                Admin: { permissions: { FLOW: [VIEW] } }
              group-bindings:
                - group: admins
                  roles: [Admin]
                - group: ops
                  roles: [Admin]
            """;

        var resolver = Resolver(yaml);
        var two = resolver.Resolve(Groups("admins", "ops"));
        var one = resolver.Resolve(Groups("admins\nops"));

        two.IsAllowed("FLOW", "VIEW").Should().BeTrue();
        one.Roles.Should().BeEmpty("the single group 'admins\\nops' is bound to nothing");
        one.IsAllowed("FLOW", "VIEW").Should().BeFalse();

        var resolverReversed = Resolver(yaml);
        var oneFirst = resolverReversed.Resolve(Groups("admins\nops"));
        var twoAfter = resolverReversed.Resolve(Groups("admins", "ops"));

        oneFirst.IsAllowed("FLOW", "VIEW").Should().BeFalse();
        twoAfter.IsAllowed("FLOW", "VIEW").Should().BeTrue("the list ['admins','ops'] must not reuse the grants of ['admins\\nops']");
    }

    [TestCase("admins ")]
    [TestCase(" admins")]
    [TestCase("\u00A0admins")]
    [TestCase("admins\t")]
    [TestCase("ａｄｍｉｎｓ")]
    public void Group_names_are_matched_exactly_as_sent(string sent)
    {
        var resolution = Resolver("""
            kestra-security-oidc:
              group-matching: ignore-case
              roles:
                Admin: { permissions: { FLOW: [VIEW] } }
              group-bindings:
                - group: admins
                  roles: [Admin]
            """).Resolve(Groups(sent));

        resolution.Groups.Should().Equal(sent);
        resolution.Roles.Should().BeEmpty();
        resolution.IsAllowed("FLOW", "VIEW").Should().BeFalse();
    }

    [Test]
    public void Groups_that_differ_only_by_spaces_are_distinct_groups()
    {
        var resolution = Resolver("kestra-security-oidc.group-paths: full\n").Resolve(Groups("admins", "admins "));

        resolution.Groups.Should().Equal("admins", "admins ");
    }
}
