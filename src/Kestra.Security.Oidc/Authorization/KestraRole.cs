using System.Collections.ObjectModel;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>A Kestra role: a name and its permissions (permission → actions), in one of Kestra's vocabularies.</summary>
public sealed class KestraRole
{
    /// <summary>Creates a role. Permission and action names are canonicalised (<c>flow</c> → <c>FLOW</c>) and sorted.</summary>
    public KestraRole(string name, IEnumerable<KeyValuePair<string, IList<string>>> permissions, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(permissions);
        Name = name;
        Description = description;
        var canonical = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (permission, actions) in permissions)
        {
            var key = KestraPermissions.Canonicalize(permission);
            var merged = new SortedSet<string>(actions.Select(KestraPermissions.Canonicalize), StringComparer.Ordinal);
            if (canonical.TryGetValue(key, out var existing))
            {
                merged.UnionWith(existing);
            }

            canonical[key] = [.. merged];
        }

        Permissions = new ReadOnlyDictionary<string, IReadOnlyList<string>>(canonical);
        Model = KestraPermissions.DetectModel(canonical.Select(p => new KeyValuePair<string, IList<string>>(p.Key, p.Value.ToList())));
    }

    /// <summary>The role's name, e.g. <c>Editor</c>.</summary>
    public string Name { get; }

    /// <summary>The role's description, if any.</summary>
    public string? Description { get; }

    /// <summary>Permission → sorted actions, canonical names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions { get; }

    /// <summary>Which vocabulary the role uses.</summary>
    public PermissionModel Model { get; }

    /// <summary>The Kestra Enterprise tenant the role belongs to (<c>kestra.security.default-role.tenant-id</c>), if any.</summary>
    public string? TenantId { get; init; }

    /// <summary>Builds a role from configuration (<c>kestra.security.default-role</c> or an extension role).</summary>
    public static KestraRole FromOptions(RoleOptions options, string? fallbackName = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KestraRole(options.Name ?? fallbackName ?? "default", options.Permissions, options.Description) { TenantId = options.TenantId };
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Model})";
}
