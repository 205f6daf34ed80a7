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

    /// <summary>One role, FLOW VIEW, bound to the group <c>admins</c> (the grant-cache tests).</summary>
    private const string AdminsAreAdmin = """
        kestra-security-oidc:
          roles:
            Admin: { permissions: { FLOW: [VIEW] } }
          group-bindings:
            - group: admins
              roles: [Admin]
        """;

    [Test]
    public void The_grant_cache_keeps_long_group_lists_apart_and_shares_equal_ones()
    {
        // Keys of more than 512 characters are written to a rented buffer instead of the stack.
        var many = Enumerable.Range(0, 60).Select(i => $"/org/department-{i:D2}/team").ToList();
        var resolver = Resolver(AdminsAreAdmin);
        var withAdmins = resolver.Resolve(Groups([.. many, "admins"]));
        var withoutAdmins = resolver.Resolve(Groups([.. many, "adminz"]));
        var again = resolver.Resolve(Groups([.. many, "admins"]));

        withAdmins.IsAllowed("FLOW", "VIEW").Should().BeTrue();
        withoutAdmins.IsAllowed("FLOW", "VIEW").Should().BeFalse("the lists differ only in their last group, past the first 512 characters of the key");
        again.Permissions.Should().BeSameAs(withAdmins.Permissions);
    }

    [Test]
    public void A_group_longer_than_the_key_can_count_is_resolved_each_time_not_cached()
    {
        // A group's length is written as one character of the grant-cache key: 65,536 characters do not fit.
        var huge = new string('g', char.MaxValue + 1);
        var resolver = Resolver(AdminsAreAdmin);
        var first = resolver.Resolve(Groups(huge, "admins"));
        var second = resolver.Resolve(Groups(huge, "admins"));
        var without = resolver.Resolve(Groups(huge, "adminz"));
        var fits = resolver.Resolve(Groups(huge[1..], "admins"));

        first.IsAllowed("FLOW", "VIEW").Should().BeTrue();
        second.IsAllowed("FLOW", "VIEW").Should().BeTrue();
        second.Permissions.Should().NotBeSameAs(first.Permissions, "built again, not cached");
        without.IsAllowed("FLOW", "VIEW").Should().BeFalse();
        fits.Permissions.Should().BeSameAs(resolver.Resolve(Groups(huge[1..], "admins")).Permissions, "65,535 characters fit: cached");
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

    [Test]
    public void Check_names_the_role_group_namespace_and_action_that_grant_an_action()
    {
        var resolution = Resolver(TwoModels).Resolve(Groups("v2", "v1-in-prod"));

        var decision = resolution.Check("flow", "execute", "prod.eng");

        decision.IsAllowed.Should().BeTrue();
        decision.Permission.Should().Be("FLOW");
        decision.Action.Should().Be("EXECUTE");
        decision.Namespace.Should().Be("prod.eng");
        decision.Grants.Should().Equal(new PermissionTrace("FLOW", "UPDATE", "FlowEditor1", "group 'v1-in-prod'", "prod", PermissionModel.Crud));
        decision.ToString().Should().Be("FLOW:EXECUTE@prod.eng allowed by FlowEditor1 via group 'v1-in-prod' in prod (FLOW UPDATE)");
    }

    [Test]
    public void Check_of_a_denied_action_has_no_grant()
    {
        var decision = Resolver(TwoModels).Resolve(Groups("v2")).Check("FLOW", "EXECUTE", "prod");

        decision.IsAllowed.Should().BeFalse();
        decision.Grants.Should().BeEmpty();
        decision.ToString().Should().Be("FLOW:EXECUTE@prod denied");
    }

    [Test]
    public void Check_lists_every_grant_global_ones_first()
    {
        var decision = Resolver(TwoModels).Resolve(Groups("v1", "v1-in-prod", "v2")).Check("FLOW", "UPDATE", "prod");

        decision.Grants.Select(g => (g.Role, g.GrantedBy, g.Namespace)).Should().Equal(
            ("FlowEditor1", "group 'v1'", null),
            ("FlowEditor2", "group 'v2'", null),
            ("FlowEditor1", "group 'v1-in-prod'", "prod"));
    }

    private const string WithDefaultRole = """
        kestra.security.default-role:
          name: Viewer
          permissions:
            FLOW: [VIEW, LIST]
        kestra-security-oidc:
          roles:
            Operator: { permissions: { EXECUTION: [KILL] } }
          group-bindings:
            - group: ops
              roles: [Operator]

        """;

    [Test]
    public void By_default_the_default_role_applies_only_to_users_without_groups()
    {
        var resolver = Resolver(WithDefaultRole);

        var withGroups = resolver.Resolve(Groups("ops"));
        var withoutGroups = resolver.Resolve(Groups());

        withGroups.Roles.Select(r => r.Name).Should().Equal("Operator");
        withGroups.IsAllowed("FLOW", "VIEW").Should().BeFalse();
        withoutGroups.Source.Should().Be(GroupSource.DefaultRole);
        withoutGroups.Roles.Select(r => r.Name).Should().Equal("Viewer");
    }

    [Test]
    public void Default_role_mode_always_gives_the_default_role_to_users_with_groups_too()
    {
        var resolver = Resolver(WithDefaultRole + "  default-role-mode: always\n");

        var withGroups = resolver.Resolve(Groups("ops"));
        var withoutGroups = resolver.Resolve(Groups());
        var unbound = resolver.Resolve(Groups("strangers"));

        withGroups.Source.Should().Be(GroupSource.Groups);
        withGroups.Roles.Select(r => (r.Name, r.GrantedBy)).Should().Equal(("Operator", "group 'ops'"), ("Viewer", "default role"));
        withGroups.Check("FLOW", "VIEW").Grants.Single().GrantedBy.Should().Be("default role");
        withGroups.IsAllowed("EXECUTION", "KILL").Should().BeTrue();
        withoutGroups.Source.Should().Be(GroupSource.DefaultRole);
        withoutGroups.Roles.Select(r => r.Name).Should().Equal("Viewer");
        unbound.Roles.Select(r => r.Name).Should().Equal("Viewer");
        unbound.Warnings.Should().ContainSingle().Which.Message.Should().Contain("so they add nothing to the default role");
    }

    [Test]
    public void Require_groups_refuses_a_user_without_groups_instead_of_giving_the_default_role()
    {
        var resolver = Resolver(WithDefaultRole + "  require-groups: true\n");

        var refused = resolver.Resolve(Groups());
        var admitted = resolver.Resolve(Groups("ops"));

        refused.Refusal.Should().NotBeNull();
        refused.Refusal!.Code.Should().Be(RoleWarningCodes.GroupsRequired).And.Be("KSO4010");
        refused.Refusal.ToString().Should().Be(
            "KSO4010: the user has no group at 'groups' and 'kestra-security-oidc.require-groups' is true, so the user is refused instead of getting the default role; add the user to a group in the identity provider, or check that the groups claim is in the ID token");
        refused.Source.Should().Be(GroupSource.None);
        refused.Roles.Should().BeEmpty();
        refused.Permissions.Should().BeEmpty();
        refused.IsAllowed("FLOW", "VIEW").Should().BeFalse();
        admitted.Refusal.Should().BeNull();
        admitted.IsAllowed("EXECUTION", "KILL").Should().BeTrue();
    }

    [Test]
    public void Without_require_groups_nobody_is_refused()
    {
        Resolver(WithDefaultRole).Resolve(Groups()).Refusal.Should().BeNull();
    }

    private const string LastSegment = """
        kestra-security-oidc:
          group-paths: last-segment
          roles:
            Admin: { permissions: { FLOW: [VIEW] } }
          group-bindings:
            - group: admins
              roles: [Admin]
            - group: /kestra/ops
              roles: [Admin]

        """;

    [Test]
    public void A_last_segment_binding_matching_groups_under_different_parents_is_a_warning_naming_them()
    {
        var resolution = Resolver(LastSegment).Resolve(Groups("/kestra/admins", "/other/admins"));

        resolution.Groups.Should().Equal("admins");
        resolution.Warnings.Should().ContainSingle().Which.Should().Be(new ResolutionWarning(RoleWarningCodes.LastSegmentAcrossParents,
            "group-paths is last-segment, so the binding for 'admins' matches '/kestra/admins' and '/other/admins', although they sit under different parents ('/kestra', '/other'); if only one of them should have the role, set 'kestra-security-oidc.group-paths: full' and bind the full path"));
    }

    [Test]
    public void A_last_segment_binding_written_as_a_path_warns_when_it_matches_a_group_of_another_parent()
    {
        var resolution = Resolver(LastSegment).Resolve(Groups("/staging/ops"));

        resolution.IsAllowed("FLOW", "VIEW").Should().BeTrue("last-segment matches by the last segment only");
        resolution.Warnings.Should().ContainSingle().Which.Message.Should().Be(
            "group-paths is last-segment, so the binding for '/kestra/ops' matches '/staging/ops', although they sit under different parents ('/kestra', '/staging'); if only one of them should have the role, set 'kestra-security-oidc.group-paths: full' and bind the full path");
    }

    [TestCase("/kestra/admins")]
    [TestCase("/kestra/ops")]
    [TestCase("admins")]
    public void A_last_segment_binding_under_one_parent_gives_no_warning(string group)
    {
        var resolution = Resolver(LastSegment).Resolve(Groups(group));

        resolution.IsAllowed("FLOW", "VIEW").Should().BeTrue();
        resolution.Warnings.Should().BeEmpty();
    }
}
