using Kestra.Security.Oidc.Authorization;

namespace Kestra.Security.Oidc.ApiSample;

/// <summary>Three of Kestra's API routes, each guarded by the Kestra permission Kestra itself requires.</summary>
internal static class KestraApi
{
    public static void MapKestraApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");

        // Kestra: listing a namespace's flows needs FLOW READ there (a grant on `company` covers `company.team`).
        api.MapGet("/flows/{namespace}", (string @namespace) => Results.Ok(new { @namespace, flows = new[] { "hello-world" } }))
            .RequireKestraPermission("FLOW", "READ", "namespace");

        // Kestra: starting an execution needs EXECUTION CREATE in the flow's namespace.
        api.MapPost("/executions/{namespace}/{flowId}", (string @namespace, string flowId) =>
                Results.Created($"/api/v1/executions/{@namespace}/{flowId}/1", new { @namespace, flowId, state = "CREATED" }))
            .RequireKestraPermission("EXECUTION", "CREATE", "namespace");

        // Who am I: the resolution as the console's `resolve` prints it.
        api.MapGet("/me", (HttpContext http) => Results.Ok(ToJson(http.GetKestraResolution()!))).RequireAuthorization();
    }

    /// <summary>The fields of the console's <c>resolve</c> JSON (SPEC §6).</summary>
    public static object ToJson(RoleResolution r) => new
    {
        client = r.Client,
        subject = r.Subject,
        username = r.PreferredUsername,
        email = r.Email,
        source = r.SourceName,
        groups = r.Groups,
        roles = r.Roles.Select(role => new { name = role.Name, model = role.Model.ToString(), grantedBy = role.GrantedBy, @namespace = role.Namespace }),
        permissions = r.Permissions,
        namespacePermissions = r.NamespacePermissions,
        warnings = r.Warnings.Select(w => new { code = w.Code, message = w.Message }),
        trace = r.Trace.Select(t => new { permission = t.Permission, action = t.Action, role = t.Role, grantedBy = t.GrantedBy, @namespace = t.Namespace }),
        refusal = r.Refusal is null ? null : new { code = r.Refusal.Code, message = r.Refusal.Message },
    };
}
