using Kestra.Security.Oidc.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Kestra.Security.Oidc.AspNetCore;

/// <summary>
/// An authorization requirement answered by <see cref="RoleResolution.IsAllowed"/>: the user needs <see cref="Action"/> on
/// <see cref="Permission"/>, in the namespace read from the route value <see cref="NamespaceRouteValue"/> when one is named
/// (a grant on <c>company</c> covers <c>company.team</c>).
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddAuthorization(o => o.AddPolicy("run", p => p.AddRequirements(new KestraPermissionRequirement("FLOW", "EXECUTE", "namespace"))));
/// </code>
/// </example>
public sealed class KestraPermissionRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="permission">A Kestra permission (<c>FLOW</c>, <c>EXECUTION</c>, …; case-insensitive, <c>-</c> ≡ <c>_</c>).</param>
    /// <param name="action">An action of that permission (<c>READ</c>, <c>CREATE</c>, <c>EXECUTE</c>, …).</param>
    /// <param name="namespaceRouteValue">The route value that holds the Kestra namespace, or <see langword="null"/> for a permission on all namespaces.</param>
    /// <exception cref="ArgumentException">The permission or action is not one Kestra knows (the message lists the valid names).</exception>
    public KestraPermissionRequirement(string permission, string action, string? namespaceRouteValue = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(permission);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var canonicalPermission = KestraPermissions.Canonicalize(permission);
        var canonicalAction = KestraPermissions.Canonicalize(action);
        if (!KestraPermissions.IsKnownPermission(canonicalPermission))
        {
            throw new ArgumentException(
                $"'{permission}' is not a Kestra permission; valid: {string.Join(", ", KestraPermissions.AllPermissionNames)}", nameof(permission));
        }

        if (!KestraPermissions.IsKnownAction(canonicalPermission, canonicalAction))
        {
            throw new ArgumentException(
                $"'{action}' is not an action of {canonicalPermission}; valid: {string.Join(", ", KestraPermissions.ActionsFor(canonicalPermission))}", nameof(action));
        }

        if (namespaceRouteValue is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(namespaceRouteValue);
        }

        Permission = canonicalPermission;
        Action = canonicalAction;
        NamespaceRouteValue = namespaceRouteValue;
    }

    /// <summary>The canonical permission name (<c>FLOW</c>).</summary>
    public string Permission { get; }

    /// <summary>The canonical action name (<c>READ</c>).</summary>
    public string Action { get; }

    /// <summary>The route value that holds the namespace, or <see langword="null"/>.</summary>
    public string? NamespaceRouteValue { get; }

    /// <inheritdoc />
    public override string ToString() =>
        NamespaceRouteValue is null ? $"Kestra {Permission}:{Action}" : $"Kestra {Permission}:{Action} in namespace {{{NamespaceRouteValue}}}";
}
