using Kestra.Security.Oidc.Authorization;

namespace Kestra.Security.Oidc.Tests.Authorization;

public sealed class KestraPermissionsTests
{
    [TestCase("FLOW", "READ", new[] { "VIEW", "LIST", "EXPORT" })]
    [TestCase("FLOW", "CREATE", new[] { "CREATE", "IMPORT" })]
    [TestCase("FLOW", "UPDATE", new[] { "UPDATE", "EXECUTE", "DISABLE", "ENABLE", "VALIDATE" })]
    [TestCase("FLOW", "DELETE", new[] { "DELETE" })]
    [TestCase("EXECUTION", "READ", new[] { "VIEW", "LIST", "ACCESS_LOGS", "ACCESS_OUTPUTS", "ACCESS_FILES", "EXPORT", "FOLLOW" })]
    [TestCase("EXECUTION", "UPDATE", new[] { "UPDATE", "RESTART", "KILL", "REPLAY", "PAUSE", "RESUME", "CHANGE_LABELS", "UNQUEUE", "FORCE_RUN" })]
    [TestCase("EXECUTION", "CREATE", new[] { "CREATE" })]
    [TestCase("NAMESPACE", "READ", new[] { "VIEW", "LIST" })]
    [TestCase("SECRET", "UPDATE", new[] { "UPDATE" })]
    public void The_documented_1x_to_2_0_expansion(string permission, string action, string[] expected)
    {
        KestraPermissions.ExpandToResourceActions(permission, action).Should().Equal(expected);
    }

    [TestCase("flow", "FLOW")]
    [TestCase("ai-copilot", "AI_COPILOT")]
    [TestCase("aiCopilot", "AI_COPILOT")]
    [TestCase(" Service_Account ", "SERVICE_ACCOUNT")]
    [TestCase("changeLabels", "CHANGE_LABELS")]
    public void Names_are_canonicalised_case_insensitively_with_dash_for_underscore(string input, string canonical)
    {
        KestraPermissions.Canonicalize(input).Should().Be(canonical);
    }

    [Test]
    public void Both_vocabularies_are_known()
    {
        KestraPermissions.IsKnownPermission("TEMPLATE").Should().BeTrue("1.x");
        KestraPermissions.IsKnownPermission("TRIGGER").Should().BeTrue("2.0");
        KestraPermissions.IsKnownPermission("MCP_SERVER").Should().BeTrue("2.0");
        KestraPermissions.IsKnownPermission("APITOKEN").Should().BeTrue("deprecated 1.x");
        KestraPermissions.IsKnownPermission("FLOWS").Should().BeFalse();
        KestraPermissions.IsKnownAction("FLOW", "EXECUTE").Should().BeTrue();
        KestraPermissions.IsKnownAction("TEMPLATE", "EXECUTE").Should().BeFalse("TEMPLATE is 1.x only");
        KestraPermissions.IsKnownAction("TRIGGER", "READ").Should().BeFalse("TRIGGER is 2.0 only");
        KestraPermissions.IsKnownAction("EXECUTION", "FORCE_RUN").Should().BeTrue();
    }

    [Test]
    public void The_model_of_a_role_is_detected()
    {
        static PermissionModel Detect(Dictionary<string, IList<string>> permissions) => KestraPermissions.DetectModel(permissions);

        Detect(new() { ["FLOW"] = ["CREATE", "READ"] }).Should().Be(PermissionModel.Crud);
        Detect(new() { ["FLOW"] = ["VIEW", "EXECUTE"] }).Should().Be(PermissionModel.ResourceAction);
        Detect(new() { ["TRIGGER"] = ["CREATE"] }).Should().Be(PermissionModel.ResourceAction);
        Detect(new() { ["FLOW"] = ["READ", "VIEW"] }).Should().Be(PermissionModel.Mixed);
    }

    [TestCase("prod", "prod", true)]
    [TestCase("prod", "prod.eng", true)]
    [TestCase("prod", "prod.eng.team", true)]
    [TestCase("prod", "production", false)]
    [TestCase("prod.eng", "prod", false)]
    [TestCase("prod", "Prod", false)]
    public void Namespace_scopes_cover_children_at_a_dot_boundary(string scope, string ns, bool covered)
    {
        NamespaceScope.Covers(scope, ns).Should().Be(covered);
    }
}
