using Kestra.Security.Oidc.AspNetCore;

#pragma warning disable IDE0130 // ASP.NET Core's convention: endpoint builder extensions live in Microsoft.AspNetCore.Builder.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Kestra permissions on minimal-API endpoints, route groups and controllers' conventions.</summary>
public static class KestraEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires a Kestra permission: 401 without a principal, 403 when the user's resolution does not allow
    /// <paramref name="action"/> on <paramref name="permission"/> (in the namespace held by the route value
    /// <paramref name="namespaceRouteValue"/>, when named; a grant on <c>company</c> covers <c>company.team</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapGet("/api/v1/flows/{namespace}", …).RequireKestraPermission("FLOW", "READ", "namespace");
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">The permission or action is not one Kestra knows.</exception>
    public static TBuilder RequireKestraPermission<TBuilder>(this TBuilder builder, string permission, string action, string? namespaceRouteValue = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var attribute = new KestraAuthorizeAttribute(permission, action) { NamespaceRouteValue = namespaceRouteValue };
        _ = attribute.GetRequirements(); // fail here, at start, on an unknown permission or action
        return builder.RequireAuthorization(attribute);
    }
}
