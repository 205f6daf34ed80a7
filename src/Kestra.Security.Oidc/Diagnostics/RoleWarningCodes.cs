namespace Kestra.Security.Oidc.Authorization;

/// <summary>Stable codes of role-resolution warnings (KSO4xxx).</summary>
public static class RoleWarningCodes
{
    /// <summary>The groups claim is missing from the ID token but present in the access token or userinfo.</summary>
    public const string ClaimNotInIdToken = "KSO4001";

    /// <summary>Groups were found but no binding gives them a role.</summary>
    public const string GroupsWithoutBindings = "KSO4002";

    /// <summary>No group and no default role: no permissions.</summary>
    public const string NoGroupsNoDefaultRole = "KSO4003";
}
