namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// The answer of <see cref="RoleResolution.Check"/>: whether an action is allowed, and every grant that allows it (the
/// operator's "can alice run flows in prod.team, and why?").
/// </summary>
/// <param name="Permission">The canonical permission asked about, e.g. <c>FLOW</c>.</param>
/// <param name="Action">The canonical action asked about, e.g. <c>EXECUTE</c>.</param>
/// <param name="Namespace">The namespace asked about, or null for "in every namespace" (then only global grants count).</param>
/// <param name="Grants">
/// The grants that allow it, in the order of <see cref="RoleResolution.Trace"/> (global grants first); each names the role,
/// the group or default role that gave it, its namespace, and the role's own action (<c>UPDATE</c> for an
/// <c>EXECUTE</c> allowed through the 1.x expansion). Empty when denied.
/// </param>
public sealed record PermissionDecision(string Permission, string Action, string? Namespace, IReadOnlyList<PermissionTrace> Grants)
{
    /// <summary>Whether at least one grant allows the action.</summary>
    public bool IsAllowed => Grants.Count > 0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Permission}:{Action}{(Namespace is null ? string.Empty : "@" + Namespace)} {(IsAllowed ? "allowed by " + string.Join("; ", Grants.Select(Describe)) : "denied")}";

    /// <summary>One grant as a short sentence: <c>Admin via group 'admins' in prod (FLOW UPDATE)</c>.</summary>
    public static string Describe(PermissionTrace grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return $"{grant.Role} via {grant.GrantedBy}{(grant.Namespace is null ? string.Empty : " in " + grant.Namespace)} ({grant.Permission} {grant.Action})";
    }
}
