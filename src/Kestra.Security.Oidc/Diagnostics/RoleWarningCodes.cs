namespace Kestra.Security.Oidc.Authorization;

/// <summary>Stable codes of role-resolution warnings (KSO400x) and refusals (KSO401x).</summary>
public static class RoleWarningCodes
{
    /// <summary>The groups claim is missing from the ID token but present in the access token or userinfo.</summary>
    public const string ClaimNotInIdToken = "KSO4001";

    /// <summary>Groups were found but no binding gives them a role.</summary>
    public const string GroupsWithoutBindings = "KSO4002";

    /// <summary>No group and no default role: no permissions.</summary>
    public const string NoGroupsNoDefaultRole = "KSO4003";

    /// <summary>With <c>group-paths: last-segment</c>, a binding matched groups that sit under different parents.</summary>
    public const string LastSegmentAcrossParents = "KSO4004";

    /// <summary>A refusal, not a warning: <c>require-groups</c> is on and the token carries no group (see <see cref="ResolutionRefusal"/>).</summary>
    public const string GroupsRequired = "KSO4010";
}
