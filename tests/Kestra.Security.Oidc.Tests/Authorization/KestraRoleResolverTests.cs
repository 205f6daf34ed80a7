using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Authorization;

public sealed class KestraRoleResolverTests
{
    private static readonly KestraConfigurationLoadOptions NoEnvironment = new() { EnvironmentVariables = new Dictionary<string, string?>() };

    private static KestraOidcOptions Guide(string extra = "") =>
        KestraYamlConfiguration.Parse(TestFiles.Read("config", "guide-combined.yml") + extra, "application.yml", NoEnvironment).GetOptionsOrThrow();

    private static byte[] Token(string name) => File.ReadAllBytes(TestFiles.PathOf("tokens", name));

    private const string Bindings = """

        kestra-security-oidc:
          roles:
            Admin:
              description: Everything on flows
              permissions:
                FLOW: [CREATE, READ, UPDATE, DELETE]
                NAMESPACE: [READ]
            Developer:
              permissions:
                FLOW: [READ, UPDATE]
                EXECUTION: [CREATE, READ]
            ProdOperator:
              permissions:
                EXECUTION: [KILL, RESTART]
          group-bindings:
            - group: Admins
              roles: [Admin]
            - group: Developers
              roles: [Developer]
            - group: Developers
              roles: [ProdOperator]
              namespace: prod
        """;

    [Test]
    public void A_Keycloak_ID_token_with_kestra_client_roles_yields_those_groups()
    {
        var resolution = new KestraRoleResolver(Guide(Bindings)).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.Source.Should().Be(GroupSource.Groups);
        resolution.SourceName.Should().Be("groups");
        resolution.Groups.Should().Equal("Admins", "Developers");
        resolution.Client.Should().Be("keycloak");
        resolution.Subject.Should().Be("alice-sub");
        resolution.PreferredUsername.Should().Be("alice");
        resolution.Email.Should().Be("alice@kestra.local");
        resolution.Warnings.Should().BeEmpty();
    }

    [Test]
    public void A_Keycloak_ID_token_without_kestra_roles_gets_the_default_Editor_role()
    {
        var resolution = new KestraRoleResolver(Guide()).Resolve(Token("keycloak-no-kestra-roles.json"));

        resolution.Source.Should().Be(GroupSource.DefaultRole);
        resolution.SourceName.Should().Be("default-role");
        resolution.Groups.Should().BeEmpty();
        resolution.Roles.Should().Equal(new ResolvedRole("Editor", PermissionModel.Crud, "default role", null));
        resolution.Permissions.Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["EXECUTION"] = ["CREATE", "DELETE", "READ", "UPDATE"],
            ["FLOW"] = ["CREATE", "DELETE", "READ", "UPDATE"],
        }, o => o.WithStrictOrdering());
        resolution.Trace.Should().HaveCount(8).And.AllSatisfy(t => t.GrantedBy.Should().Be("default role"));
        resolution.Warnings.Select(w => w.Code).Should().Equal(ClaimPathDiagnosticCodes.NotFound);
        resolution.Warnings[0].Message.Should().Be("`resource_access` exists but has no `kestra`");
    }

    [Test]
    public void An_empty_roles_list_gets_the_default_role()
    {
        var resolution = new KestraRoleResolver(Guide()).Resolve(Token("keycloak-empty-kestra-roles.json"));

        resolution.Source.Should().Be(GroupSource.DefaultRole);
        resolution.Permissions.Keys.Should().Equal("EXECUTION", "FLOW");
    }

    [Test]
    public void Without_groups_claim_path_or_default_role_there_is_no_permission_and_a_warning()
    {
        var options = Guide();
        options.DefaultRole = null;
        options.GroupsClaimPath = null;

        var resolution = new KestraRoleResolver(options).Resolve(Token("keycloak-no-kestra-roles.json"));

        resolution.Source.Should().Be(GroupSource.None);
        resolution.Permissions.Should().BeEmpty();
        resolution.Warnings.Should().ContainSingle().Which.Code.Should().Be(RoleWarningCodes.NoGroupsNoDefaultRole);
    }

    [Test]
    public void Bindings_across_several_groups_merge_roles_and_keep_namespaced_grants_apart()
    {
        var resolution = new KestraRoleResolver(Guide(Bindings)).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.Roles.Select(r => (r.Name, r.GrantedBy, r.Namespace)).Should().Equal(
            ("Admin", "group 'Admins'", null),
            ("Developer", "group 'Developers'", null),
            ("ProdOperator", "group 'Developers'", "prod"));
        resolution.Permissions.Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["EXECUTION"] = ["CREATE", "READ"],
            ["FLOW"] = ["CREATE", "DELETE", "READ", "UPDATE"],
            ["NAMESPACE"] = ["READ"],
        });
        resolution.NamespacePermissions["prod"]["EXECUTION"].Should().Equal("KILL", "RESTART");
        resolution.Trace.Where(t => t is { Permission: "FLOW", Action: "READ" }).Select(t => t.GrantedBy)
            .Should().Equal("group 'Admins'", "group 'Developers'");
    }

    [TestCase("EXECUTION", "KILL", "prod", true)]
    [TestCase("EXECUTION", "KILL", "prod.eng", true)]
    [TestCase("EXECUTION", "KILL", "production", false)]
    [TestCase("EXECUTION", "KILL", null, false)]
    [TestCase("EXECUTION", "DELETE", "prod", false)]
    [TestCase("EXECUTION", "LIST", "production", true)]
    [TestCase("flow", "delete", "anything", true)]
    public void Namespace_scoped_grants_cover_child_namespaces_at_a_dot_boundary(string permission, string action, string? ns, bool allowed)
    {
        var resolution = new KestraRoleResolver(Guide(Bindings)).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.IsAllowed(permission, action, ns).Should().Be(allowed);
    }

    [TestCase("FLOW", "VIEW", true)]
    [TestCase("FLOW", "EXPORT", true)]
    [TestCase("FLOW", "EXECUTE", true)]
    [TestCase("EXECUTION", "KILL", true)]
    [TestCase("EXECUTION", "ACCESS_LOGS", true)]
    [TestCase("NAMESPACE", "VIEW", false)]
    public void A_1x_role_allows_the_2_0_actions_of_the_documented_expansion(string permission, string action, bool allowed)
    {
        var resolution = new KestraRoleResolver(Guide()).Resolve(Token("keycloak-no-kestra-roles.json"));

        resolution.IsAllowed(permission, action).Should().Be(allowed);
    }

    [Test]
    public void Groups_without_bindings_grant_nothing_and_say_so()
    {
        var resolution = new KestraRoleResolver(Guide()).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.Source.Should().Be(GroupSource.Groups);
        resolution.Permissions.Should().BeEmpty();
        resolution.Warnings.Should().ContainSingle().Which.Code.Should().Be(RoleWarningCodes.GroupsWithoutBindings);
    }

    [Test]
    public void Full_group_paths_are_kept_as_sent_by_default()
    {
        var options = Guide();
        options.GroupsClaimPath = "groups";

        var resolution = new KestraRoleResolver(options).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.Groups.Should().Equal("/kestra/admins", "/kestra/developers", "/ops");
    }

    [Test]
    public void The_last_segment_option_keeps_only_the_group_name_for_groups_and_bindings()
    {
        var options = Guide("""

            kestra-security-oidc:
              group-paths: last-segment
              roles:
                Admin: { permissions: { FLOW: [READ] } }
              group-bindings:
                - group: /kestra/admins
                  roles: [Admin]
            """);
        options.GroupsClaimPath = "groups";

        var resolution = new KestraRoleResolver(options).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.Groups.Should().Equal("admins", "developers", "ops");
        resolution.Roles.Should().ContainSingle().Which.GrantedBy.Should().Be("group 'admins'");
    }

    [Test]
    public void Group_matching_is_exact_by_default_and_case_insensitive_on_request()
    {
        const string lowerCaseBinding = """

            kestra-security-oidc:
              roles:
                Admin: { permissions: { FLOW: [READ] } }
              group-bindings:
                - group: admins
                  roles: [Admin]
            """;
        var exact = new KestraRoleResolver(Guide(lowerCaseBinding)).Resolve(Token("keycloak-with-kestra-roles.json"));
        var ignoreCase = new KestraRoleResolver(Guide(lowerCaseBinding + "\n  group-matching: ignore-case\n")).Resolve(Token("keycloak-with-kestra-roles.json"));

        exact.Roles.Should().BeEmpty();
        ignoreCase.Roles.Should().ContainSingle().Which.Name.Should().Be("Admin");
    }

    [Test]
    public void Bindings_from_the_host_are_merged_with_configured_ones()
    {
        var source = new StaticBindings(new GroupRoleBinding("Developers",
            new KestraRole("Deployer", new Dictionary<string, IList<string>> { ["flow"] = ["execute"] }), "dev"));

        var resolution = new KestraRoleResolver(Guide(Bindings), source).Resolve(Token("keycloak-with-kestra-roles.json"));

        resolution.Roles.Select(r => r.Name).Should().Equal("Admin", "Deployer", "Developer", "ProdOperator");
        resolution.NamespacePermissions["dev"]["FLOW"].Should().Equal("EXECUTE");
        resolution.Roles.Single(r => r.Name == "Deployer").Model.Should().Be(PermissionModel.ResourceAction);
    }

    [Test]
    public void Roles_missing_from_the_ID_token_but_present_in_the_access_token_name_the_mapper_switch()
    {
        using var access = JsonDocument.Parse(Token("keycloak-access-token-with-roles.json"));
        var context = new RoleResolutionContext { AccessTokenPayload = access.RootElement };

        var resolution = new KestraRoleResolver(Guide()).Resolve(Token("keycloak-no-kestra-roles.json"), context: context);

        resolution.Source.Should().Be(GroupSource.DefaultRole, "only the ID token counts, as in Kestra");
        resolution.Warnings.Single(w => w.Code == RoleWarningCodes.ClaimNotInIdToken).Message.Should().Be(
            "'resource_access.kestra.roles' is in the access token but not in the ID token, and Kestra reads groups from the ID token only; in Keycloak, open Client Scopes → roles → Mappers → client roles and turn on 'Add to ID token' (and request the 'roles' scope)");
    }

    [Test]
    public void A_malformed_payload_is_a_ClaimsPayloadException()
    {
        var resolver = new KestraRoleResolver(Guide());

        var act = () => resolver.Resolve("{\"sub\": "u8.ToArray());

        act.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.MalformedCode);
    }

    [Test]
    public void A_malformed_groups_claim_path_fails_at_construction_with_the_column()
    {
        var options = Guide();
        options.GroupsClaimPath = "resource_access.kestra[";

        var act = () => new KestraRoleResolver(options);

        act.Should().Throw<KestraConfigurationException>().WithMessage("KSO1018: *expected an index, '*' or a quoted name at column 24 of the path");
    }

    [Test]
    public void Resolution_is_deterministic_and_thread_safe()
    {
        var resolver = new KestraRoleResolver(Guide(Bindings));
        var payloads = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            sub = $"user-{i}",
            resource_access = new { kestra = new { roles = i % 3 == 0 ? new[] { "Admins" } : i % 3 == 1 ? ["Developers"] : Array.Empty<string>() } },
        }))).ToArray();
        var expected = payloads.Select(p => Describe(resolver.Resolve(p))).ToArray();

        var results = new string[payloads.Length * 50];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            results[i] = Describe(resolver.Resolve(payloads[i % payloads.Length])));

        for (var i = 0; i < results.Length; i++)
        {
            results[i].Should().Be(expected[i % payloads.Length]);
        }

        expected.Distinct().Should().HaveCount(64, "each user's subject is in its own answer");
    }

    [Test]
    public void Host_bindings_are_asked_on_every_resolution_so_changes_apply_at_once()
    {
        var source = new ChangingBindings();
        var resolver = new KestraRoleResolver(Guide(), source);
        var token = Token("keycloak-with-kestra-roles.json");

        var before = resolver.Resolve(token);
        source.Role = new KestraRole("Operator", new Dictionary<string, IList<string>> { ["EXECUTION"] = ["KILL"] });
        var after = resolver.Resolve(token);

        before.Roles.Should().BeEmpty();
        after.Roles.Should().ContainSingle().Which.Name.Should().Be("Operator");
    }

    [Test]
    public void Users_with_the_same_groups_share_the_built_grants_but_keep_their_own_identity()
    {
        var resolver = new KestraRoleResolver(Guide(Bindings));
        var first = resolver.Resolve("""{"sub":"one","resource_access":{"kestra":{"roles":["Admins"]}}}"""u8);
        var second = resolver.Resolve("""{"sub":"two","resource_access":{"kestra":{"roles":["Admins"]}}}"""u8);

        second.Permissions.Should().BeSameAs(first.Permissions);
        second.Subject.Should().Be("two");
        first.Subject.Should().Be("one");
    }

    private sealed class ChangingBindings : IGroupRoleBindingSource
    {
        public KestraRole? Role { get; set; }

        public IEnumerable<GroupRoleBinding> GetBindings(IReadOnlyList<string> groups) =>
            Role is null ? [] : [new GroupRoleBinding("Admins", Role)];
    }

    private static string Describe(RoleResolution r) =>
        $"{r.Subject}|{r.SourceName}|{string.Join(",", r.Groups)}|{string.Join(";", r.Permissions.Select(p => $"{p.Key}={string.Join(",", p.Value)}"))}|{r.Trace.Count}";

    private sealed class StaticBindings(params GroupRoleBinding[] bindings) : IGroupRoleBindingSource
    {
        public IEnumerable<GroupRoleBinding> GetBindings(IReadOnlyList<string> groups) => bindings;
    }
}
