using Kestra.Security.Oidc.Authorization;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>Prints a <see cref="RoleResolution"/> as a table or as the JSON of SPEC §6.</summary>
internal static class ResolutionView
{
    /// <summary>The stable JSON shape: client, subject, source, groups, roles, permissions, warnings, trace, refusal, checks.</summary>
    public static object ToJson(RoleResolution r, IReadOnlyList<PermissionDecision>? checks = null) => new
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
        checks = PermissionChecks.ToJson(checks ?? []),
    };

    public static void Write(RoleResolution r, OutputFormat format, IReadOnlyList<PermissionDecision>? checks = null)
    {
        foreach (var warning in r.Warnings)
        {
            Output.Error($"warning {warning}");
        }

        if (format == OutputFormat.Json)
        {
            Output.WriteJson(ToJson(r, checks));
            return;
        }

        var console = Output.Stdout;
        console.MarkupLine($"client [blue]{Markup.Escape(r.Client ?? "-")}[/]  subject [blue]{Markup.Escape(r.Subject ?? "-")}[/]  user [blue]{Markup.Escape(r.PreferredUsername ?? "-")}[/]  email [blue]{Markup.Escape(r.Email ?? "-")}[/]");
        console.MarkupLine($"source [green]{r.SourceName}[/]  groups: {Markup.Escape(r.Groups.Count == 0 ? "(none)" : string.Join(", ", r.Groups))}");
        if (r.Refusal is not null)
        {
            console.MarkupLine($"[red]refused[/] {Markup.Escape(r.Refusal.ToString())}");
        }

        console.MarkupLine($"roles: {Markup.Escape(r.Roles.Count == 0 ? "(none)" : string.Join(", ", r.Roles.Select(x => $"{x.Name} ({x.GrantedBy}{(x.Namespace is null ? "" : $", namespace {x.Namespace}")})")))}");
        var table = new Table().AddColumn("Namespace").AddColumn("Permission").AddColumn("Actions").AddColumn("Granted by");
        foreach (var group in r.Trace.GroupBy(t => (t.Namespace, t.Permission)))
        {
            table.AddRow(
                Markup.Escape(group.Key.Namespace ?? "*"),
                Markup.Escape(group.Key.Permission),
                Markup.Escape(string.Join(", ", group.Select(t => t.Action).Distinct())),
                Markup.Escape(string.Join("; ", group.Select(t => $"{t.Role} via {t.GrantedBy}").Distinct())));
        }

        console.Write(table);
        PermissionChecks.WriteTable(checks ?? []);
    }
}
