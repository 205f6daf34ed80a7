using System.Collections.ObjectModel;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>Collects the roles of one resolution into sorted permissions and a trace; each trace line keeps its role's model.</summary>
internal sealed class GrantBuilder
{
    private readonly SortedSet<ResolvedRole> _roles = new(Comparer<ResolvedRole>.Create(CompareRoles));
    private readonly SortedDictionary<string, SortedSet<string>> _global = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> _namespaced = new(StringComparer.Ordinal);
    private readonly SortedSet<PermissionTrace> _trace = new(Comparer<PermissionTrace>.Create(CompareTrace));

    public void Add(KestraRole role, string grantedBy, string? @namespace)
    {
        _roles.Add(new ResolvedRole(role.Name, role.Model, grantedBy, @namespace) { TenantId = role.TenantId });
        var target = _global;
        if (@namespace is not null)
        {
            if (!_namespaced.TryGetValue(@namespace, out target!))
            {
                target = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                _namespaced[@namespace] = target;
            }
        }

        foreach (var (permission, actions) in role.Permissions)
        {
            if (!target.TryGetValue(permission, out var set))
            {
                set = new SortedSet<string>(StringComparer.Ordinal);
                target[permission] = set;
            }

            foreach (var action in actions)
            {
                set.Add(action);
                _trace.Add(new PermissionTrace(permission, action, role.Name, grantedBy, @namespace, role.Model));
            }
        }
    }

    public IReadOnlyList<ResolvedRole> Roles() => [.. _roles];

    public IReadOnlyList<PermissionTrace> Trace() => [.. _trace];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> GlobalPermissions() => Freeze(_global);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> NamespacePermissions() =>
        new ReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            _namespaced.ToDictionary(n => n.Key, n => (IReadOnlyDictionary<string, IReadOnlyList<string>>)Freeze(n.Value), StringComparer.Ordinal));

    /// <summary>Sorted by permission (the source is), with a hashed lookup: an <see cref="OrderedDictionary{TKey, TValue}"/> keeps that order.</summary>
    private static ReadOnlyDictionary<string, IReadOnlyList<string>> Freeze(SortedDictionary<string, SortedSet<string>> permissions)
    {
        var ordered = new OrderedDictionary<string, IReadOnlyList<string>>(permissions.Count, StringComparer.Ordinal);
        foreach (var (permission, actions) in permissions)
        {
            ordered.Add(permission, [.. actions]);
        }

        return new(ordered);
    }

    private static int CompareRoles(ResolvedRole? a, ResolvedRole? b) =>
        (string.CompareOrdinal(a!.Name, b!.Name), string.CompareOrdinal(a.Namespace, b.Namespace), string.CompareOrdinal(a.GrantedBy, b.GrantedBy)) switch
        {
            (not 0 and var c, _, _) => c,
            (_, not 0 and var c, _) => c,
            (_, _, var c) => c,
        };

    private static int CompareTrace(PermissionTrace? a, PermissionTrace? b)
    {
        var c = string.CompareOrdinal(a!.Namespace, b!.Namespace);
        c = c != 0 ? c : string.CompareOrdinal(a.Permission, b.Permission);
        c = c != 0 ? c : string.CompareOrdinal(a.Action, b.Action);
        c = c != 0 ? c : string.CompareOrdinal(a.Role, b.Role);
        c = c != 0 ? c : string.CompareOrdinal(a.GrantedBy, b.GrantedBy);
        return c != 0 ? c : a.Model.CompareTo(b.Model);
    }
}
