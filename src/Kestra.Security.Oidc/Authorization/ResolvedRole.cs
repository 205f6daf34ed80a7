namespace Kestra.Security.Oidc.Authorization;

/// <summary>A role that applies to a user, and why.</summary>
/// <param name="Name">The role's name.</param>
/// <param name="Model">The role's permission vocabulary.</param>
/// <param name="GrantedBy">What granted it: <c>group 'Admins'</c> or <c>default role</c>.</param>
/// <param name="Namespace">The namespace it is limited to, or null for all.</param>
public sealed record ResolvedRole(string Name, PermissionModel Model, string GrantedBy, string? Namespace)
{
    /// <summary>The Kestra Enterprise tenant of the role (the default role's <c>tenant-id</c>), or null.</summary>
    public string? TenantId { get; init; }
}
