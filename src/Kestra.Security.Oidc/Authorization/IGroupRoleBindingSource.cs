namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Supplies group-to-role bindings from the host (a database, a file, code), in addition to those configured under
/// <c>kestra-security-oidc.group-bindings</c>. Implementations must be thread-safe; they are called on every resolution.
/// </summary>
public interface IGroupRoleBindingSource
{
    /// <summary>Returns the bindings that may apply to <paramref name="groups"/> (returning more is fine: the resolver matches them).</summary>
    IEnumerable<GroupRoleBinding> GetBindings(IReadOnlyList<string> groups);
}
