namespace Kestra.Security.Oidc.Configuration;

/// <summary>When <c>kestra.security.default-role</c> applies (<c>kestra-security-oidc.default-role-mode</c>, SPEC §4.4).</summary>
public enum DefaultRoleMode
{
    /// <summary><c>without-groups</c>: only users whose token carries no group get the default role. The default.</summary>
    WithoutGroups,

    /// <summary>
    /// <c>always</c>: every user gets the default role, users with groups too (what Kestra does: it gives the default role
    /// to every new user); the groups' roles add to it.
    /// </summary>
    Always,
}
