namespace Kestra.Security.Oidc.Authorization;

/// <summary>Where a user's roles came from (SPEC §4.2). Rendered as <c>groups</c>, <c>default-role</c> or <c>none</c>.</summary>
public enum GroupSource
{
    /// <summary>The groups claim yielded at least one group.</summary>
    Groups,

    /// <summary>No group: the configured default role applies.</summary>
    DefaultRole,

    /// <summary>No group and no default role: no permissions.</summary>
    None,
}
