using Microsoft.AspNetCore.Authorization;

namespace Kestra.Security.Oidc.AspNetCore;

/// <summary>
/// Requires a Kestra permission on a controller or action (or a minimal-API handler): 401 without a principal, 403 when the
/// user's <see cref="Kestra.Security.Oidc.Authorization.RoleResolution"/> does not allow it.
/// </summary>
/// <example>
/// <code>
/// [KestraAuthorize("FLOW", "READ", NamespaceRouteValue = "namespace")]
/// [HttpGet("api/v1/flows/{namespace}")]
/// public IActionResult Flows(string @namespace) => Ok();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class KestraAuthorizeAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    /// <summary>Requires <paramref name="action"/> on <paramref name="permission"/>.</summary>
    /// <param name="permission">A Kestra permission (<c>FLOW</c>).</param>
    /// <param name="action">One of its actions (<c>READ</c>).</param>
    public KestraAuthorizeAttribute(string permission, string action)
    {
        Permission = permission;
        Action = action;
    }

    /// <summary>The Kestra permission.</summary>
    public string Permission { get; }

    /// <summary>The action.</summary>
    public string Action { get; }

    /// <summary>The route value that holds the Kestra namespace; unset for a permission on all namespaces.</summary>
    public string? NamespaceRouteValue { get; set; }

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements() =>
        [new KestraPermissionRequirement(Permission, Action, NamespaceRouteValue)];
}
