namespace Kestra.Security.Oidc.Authorization;

/// <summary>One line of the explanation: this action on this permission comes from this role, granted by this group.</summary>
/// <param name="Permission">The canonical permission, e.g. <c>FLOW</c>.</param>
/// <param name="Action">The canonical action, as the role states it, e.g. <c>READ</c>.</param>
/// <param name="Role">The role that carries it.</param>
/// <param name="GrantedBy">The group or <c>default role</c> that gave the role.</param>
/// <param name="Namespace">The namespace the grant is limited to, or null for all.</param>
/// <param name="Model">
/// The vocabulary of the role that carries it. Only a <see cref="PermissionModel.Crud"/> grant is expanded to the 2.0
/// actions (SPEC §4.4): a 2.0 role's <c>FLOW UPDATE</c> allows <c>UPDATE</c>, not <c>EXECUTE</c>.
/// </param>
public sealed record PermissionTrace(string Permission, string Action, string Role, string GrantedBy, string? Namespace, PermissionModel Model)
{
    /// <summary>
    /// Whether this grant allows <paramref name="action"/> on <paramref name="permission"/> (both canonical), ignoring the
    /// namespace: the same action, or, for a 1.x grant only, an action of its documented 1.x → 2.0 expansion.
    /// </summary>
    public bool Allows(string permission, string action)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(action);
        return string.Equals(Permission, permission, StringComparison.Ordinal)
            && (string.Equals(Action, action, StringComparison.Ordinal)
                || (Model == PermissionModel.Crud && KestraPermissions.ExpandToResourceActions(Permission, Action).Contains(action)));
    }
}
