using System.Text;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.WebSample.Routes;
using Kestra.Security.Oidc.WebSample.Session;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Pages;

/// <summary><c>/</c> (who is signed in, login links) and <c>/me</c> (groups, permissions and trace as the library resolved them).</summary>
internal static class PageEndpoints
{
    public static void MapPages(this WebApplication app)
    {
        app.MapGet("/", HomeAsync);
        app.MapGet("/me", MeAsync).RequireAuthorization();
    }

    private static async Task<IResult> HomeAsync(HttpContext http, KestraRoutes routes, IOptionsMonitor<KestraOidcOptions> options)
    {
        var session = await KestraSession.GetAsync(http);
        var body = new StringBuilder();
        if (session?.Snapshot is { } snapshot)
        {
            body.Append($"<p id=\"status\">Signed in as <strong id=\"user\">{Html.Encode(snapshot.Username ?? snapshot.Subject)}</strong> through {Html.Encode(session.Client)}.</p>\n");
            body.Append(Navigation(routes));
        }
        else
        {
            body.Append("<p id=\"status\">Anonymous: not signed in.</p>\n<ul id=\"providers\">\n");
            foreach (var client in ClientSelection.EnabledClients(options.CurrentValue))
            {
                body.Append($"<li><a href=\"{Html.Encode(routes.LoginPath(client))}?returnUrl=%2Fme\">Sign in with {Html.Encode(client)}</a></li>\n");
            }

            body.Append("</ul>\n");
        }

        return Html.Page("Kestra.Security.Oidc web sample", body.ToString());
    }

    private static async Task<IResult> MeAsync(HttpContext http, KestraRoutes routes)
    {
        var session = await KestraSession.GetAsync(http);
        if (session?.Snapshot is not { } me)
        {
            await KestraSession.SignOutAsync(http);
            return Results.Redirect("/");
        }

        http.Response.Headers.CacheControl = "no-store";
        var body = new StringBuilder();
        body.Append("<table id=\"identity\">\n");
        Row(body, "User", "user", me.Username);
        Row(body, "Subject", "subject", me.Subject);
        Row(body, "Email", "email", me.Email);
        Row(body, "Provider", "client", me.Client);
        Row(body, "Roles come from", "source", me.Source);
        body.Append("</table>\n");

        body.Append("<h2>Groups</h2>\n<p id=\"groups\">");
        body.Append(me.Groups.Count == 0
            ? "<em>none</em>"
            : string.Concat(me.Groups.Select(g => $"<span class=\"tag group\">{Html.Encode(g)}</span>")));
        body.Append("</p>\n");

        body.Append("<h2>Roles</h2>\n<ul id=\"roles\">\n");
        foreach (var role in me.Roles)
        {
            body.Append($"<li>{Html.Encode(role.Name)} ({Html.Encode(role.Model)}) from {Html.Encode(role.GrantedBy)}{Scope(role.Namespace)}</li>\n");
        }

        body.Append("</ul>\n<h2>Kestra permissions</h2>\n<table id=\"permissions\">\n<tr><th>Permission</th><th>Actions</th><th>Namespace</th></tr>\n");
        foreach (var (permission, actions) in me.Permissions)
        {
            PermissionRow(body, permission, actions, null);
        }

        foreach (var (scope, permissions) in me.NamespacePermissions)
        {
            foreach (var (permission, actions) in permissions)
            {
                PermissionRow(body, permission, actions, scope);
            }
        }

        body.Append("</table>\n<h2>Trace</h2>\n<table id=\"trace\">\n<tr><th>Permission</th><th>Action</th><th>Role</th><th>Granted by</th><th>Namespace</th></tr>\n");
        foreach (var line in me.Trace)
        {
            body.Append($"<tr><td>{Html.Encode(line.Permission)}</td><td>{Html.Encode(line.Action)}</td><td>{Html.Encode(line.Role)}</td><td>{Html.Encode(line.GrantedBy)}</td><td>{Html.Encode(line.Namespace ?? "all")}</td></tr>\n");
        }

        body.Append("</table>\n");
        if (me.Warnings.Count > 0)
        {
            body.Append("<h2>Warnings</h2>\n<ul id=\"warnings\">\n");
            foreach (var warning in me.Warnings)
            {
                body.Append($"<li class=\"warn\">{Html.Encode(warning)}</li>\n");
            }

            body.Append("</ul>\n");
        }

        body.Append(Navigation(routes));
        return Html.Page("Me", body.ToString());
    }

    private static string Navigation(KestraRoutes routes) =>
        $"<nav><a id=\"home\" href=\"/\">Home</a><a id=\"me\" href=\"/me\">Me</a>" +
        $"<a id=\"sso-logout\" href=\"{Html.Encode(routes.OpenIdLogoutPattern)}\">Log out (here and at the provider)</a>" +
        $"<form method=\"post\" action=\"{Html.Encode(routes.LogoutPattern)}\"><button id=\"local-logout\" type=\"submit\">Log out here only</button></form></nav>\n";

    private static void Row(StringBuilder body, string label, string id, string? value) =>
        body.Append($"<tr><th>{Html.Encode(label)}</th><td id=\"{id}\">{Html.Encode(value)}</td></tr>\n");

    private static void PermissionRow(StringBuilder body, string permission, IReadOnlyList<string> actions, string? scope) =>
        body.Append($"<tr class=\"permission\" data-permission=\"{Html.Encode(permission)}\"><td>{Html.Encode(permission)}</td>" +
                    $"<td class=\"actions\">{Html.Encode(string.Join(' ', actions))}</td><td>{Html.Encode(scope ?? "all")}</td></tr>\n");

    private static string Scope(string? @namespace) => @namespace is null ? string.Empty : $" in namespace {Html.Encode(@namespace)}";
}
