using System.Text;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Pages;

/// <summary><c>/</c> (who is signed in, login links) and <c>/me</c> (groups, permissions and trace as the library resolved them).</summary>
internal static class PageEndpoints
{
    public static void MapPages(this WebApplication app)
    {
        app.MapGet("/", Home);
        app.MapGet("/me", Me).RequireAuthorization();
    }

    private static IResult Home(HttpContext http, IOptionsMonitor<KestraOidcOptions> options)
    {
        var body = new StringBuilder();
        if (http.GetKestraResolution() is { } me)
        {
            body.Append($"<p id=\"status\">Signed in as <strong id=\"user\">{Html.Encode(me.PreferredUsername ?? me.Subject)}</strong> through {Html.Encode(me.Client)}.</p>\n");
            body.Append(Navigation(options.CurrentValue));
        }
        else
        {
            body.Append("<p id=\"status\">Anonymous: not signed in.</p>\n<ul id=\"providers\">\n");
            var current = options.CurrentValue;
            foreach (var client in current.Clients.Where(c => c.Value.Enabled).Select(c => c.Key).Order(StringComparer.Ordinal))
            {
                body.Append($"<li><a href=\"{Html.Encode(LoginPath(current, client))}?returnUrl=%2Fme\">Sign in with {Html.Encode(client)}</a></li>\n");
            }

            body.Append("</ul>\n");
        }

        return Html.Page("Kestra.Security.Oidc web sample", body.ToString());
    }

    private static IResult Me(HttpContext http, IOptionsMonitor<KestraOidcOptions> options)
    {
        if (http.GetKestraResolution() is not { } me)
        {
            return Results.Redirect("/");
        }

        http.Response.Headers.CacheControl = "no-store";
        var body = new StringBuilder();
        body.Append("<table id=\"identity\">\n");
        Row(body, "User", "user", me.PreferredUsername);
        Row(body, "Subject", "subject", me.Subject);
        Row(body, "Email", "email", me.Email);
        Row(body, "Provider", "client", me.Client);
        Row(body, "Roles come from", "source", me.SourceName);
        body.Append("</table>\n");

        body.Append("<h2>Groups</h2>\n<p id=\"groups\">");
        body.Append(me.Groups.Count == 0
            ? "<em>none</em>"
            : string.Concat(me.Groups.Select(g => $"<span class=\"tag group\">{Html.Encode(g)}</span>")));
        body.Append("</p>\n");

        body.Append("<h2>Roles</h2>\n<ul id=\"roles\">\n");
        foreach (var role in me.Roles)
        {
            body.Append($"<li>{Html.Encode(role.Name)} ({role.Model}) from {Html.Encode(role.GrantedBy)}{Scope(role.Namespace)}</li>\n");
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
        Warnings(body, me);
        body.Append(Navigation(options.CurrentValue));
        return Html.Page("Me", body.ToString());
    }

    private static void Warnings(StringBuilder body, RoleResolution me)
    {
        if (me.Warnings.Count == 0)
        {
            return;
        }

        body.Append("<h2>Warnings</h2>\n<ul id=\"warnings\">\n");
        foreach (var warning in me.Warnings)
        {
            body.Append($"<li class=\"warn\">{Html.Encode(warning.ToString())}</li>\n");
        }

        body.Append("</ul>\n");
    }

    private static string LoginPath(KestraOidcOptions options, string client) =>
        "/" + options.LoginUri
            .Replace("{/provider}", "/" + Uri.EscapeDataString(client), StringComparison.Ordinal)
            .Replace("{provider}", Uri.EscapeDataString(client), StringComparison.Ordinal)
            .TrimStart('/');

    private static string Navigation(KestraOidcOptions options) =>
        $"<nav><a id=\"home\" href=\"/\">Home</a><a id=\"me\" href=\"/me\">Me</a>" +
        $"<a id=\"sso-logout\" href=\"{Html.Encode(options.OpenIdLogoutUri)}\">Log out (here and at the provider)</a>" +
        $"<form method=\"post\" action=\"{Html.Encode(options.Logout.Path)}\"><button id=\"local-logout\" type=\"submit\">Log out here only</button></form></nav>\n";

    private static void Row(StringBuilder body, string label, string id, string? value) =>
        body.Append($"<tr><th>{Html.Encode(label)}</th><td id=\"{id}\">{Html.Encode(value)}</td></tr>\n");

    private static void PermissionRow(StringBuilder body, string permission, IReadOnlyList<string> actions, string? scope) =>
        body.Append($"<tr class=\"permission\" data-permission=\"{Html.Encode(permission)}\"><td>{Html.Encode(permission)}</td>" +
                    $"<td class=\"actions\">{Html.Encode(string.Join(' ', actions))}</td><td>{Html.Encode(scope ?? "all")}</td></tr>\n");

    private static string Scope(string? @namespace) => @namespace is null ? string.Empty : $" in namespace {Html.Encode(@namespace)}";
}
