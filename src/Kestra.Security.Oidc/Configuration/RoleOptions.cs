namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// A Kestra role: <c>kestra.security.default-role</c>, or a role of the library's bindings extension.
/// </summary>
/// <remarks>
/// Permission and action names are stored in their canonical form (upper case, <c>_</c>); the loaders accept any case
/// and <c>-</c> for <c>_</c>, as Micronaut does for enums.
/// </remarks>
public sealed class RoleOptions
{
    /// <summary><c>name</c>, e.g. <c>Editor</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>description</c>.</summary>
    public string? Description { get; set; }

    /// <summary><c>tenant-id</c> (Kestra Enterprise multi-tenancy).</summary>
    public string? TenantId { get; set; }

    /// <summary><c>permissions</c>: permission (e.g. <c>FLOW</c>) → actions (e.g. <c>CREATE</c>, <c>READ</c>).</summary>
    public IDictionary<string, IList<string>> Permissions { get; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
}
