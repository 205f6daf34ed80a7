namespace Kestra.Security.Oidc.Authorization;

/// <summary>One line of the explanation: this action on this permission comes from this role, granted by this group.</summary>
/// <param name="Permission">The canonical permission, e.g. <c>FLOW</c>.</param>
/// <param name="Action">The canonical action, e.g. <c>READ</c>.</param>
/// <param name="Role">The role that carries it.</param>
/// <param name="GrantedBy">The group or <c>default role</c> that gave the role.</param>
/// <param name="Namespace">The namespace the grant is limited to, or null for all.</param>
public sealed record PermissionTrace(string Permission, string Action, string Role, string GrantedBy, string? Namespace);
