using Kestra.Security.Oidc.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kestra.Security.Oidc.AspNetCore.Authorization;

/// <summary>Answers <see cref="KestraPermissionRequirement"/> with the request's resolution (<c>RoleResolution.IsAllowed</c>).</summary>
internal sealed class KestraPermissionHandler(ILogger<KestraPermissionHandler>? logger = null) : AuthorizationHandler<KestraPermissionRequirement>
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KestraPermissionRequirement requirement)
    {
        var http = context.Resource switch
        {
            HttpContext h => h,
            AuthorizationFilterContext mvc => mvc.HttpContext,
            _ => null,
        };

        // The resolution travels with the principal being authorized (the policy's schemes), not with HttpContext.User.
        var resolution = ResolutionOf(context.User);
        if (resolution is null)
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                AspNetCoreLog.NoResolution(_logger, requirement.Permission, requirement.Action);
            }

            return Task.CompletedTask;
        }

        if (resolution.Refusal is { } refusal)
        {
            // require-groups: an authenticated user without groups is refused everything (403, never 401).
            AspNetCoreLog.Refused(_logger, requirement.Permission, requirement.Action, refusal.Code, refusal.Message);
            return Task.CompletedTask;
        }

        string? @namespace = null;
        if (requirement.NamespaceRouteValue is { } routeValue)
        {
            @namespace = http?.GetRouteValue(routeValue) as string;
            if (string.IsNullOrEmpty(@namespace))
            {
                AspNetCoreLog.MissingRouteValue(_logger, requirement.Permission, requirement.Action, routeValue);
                return Task.CompletedTask;
            }
        }

        if (resolution.IsAllowed(requirement.Permission, requirement.Action, @namespace))
        {
            context.Succeed(requirement);
        }
        else
        {
            AspNetCoreLog.PermissionDenied(_logger, requirement.Permission, requirement.Action, resolution.PreferredUsername ?? resolution.Subject, @namespace);
        }

        return Task.CompletedTask;
    }

    private static Oidc.Authorization.RoleResolution? ResolutionOf(System.Security.Claims.ClaimsPrincipal user)
    {
        foreach (var identity in user.Identities)
        {
            if (identity is Claims.KestraResolvedIdentity resolved)
            {
                return resolved.Resolution;
            }
        }

        return null;
    }
}
