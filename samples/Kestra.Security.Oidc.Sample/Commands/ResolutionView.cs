using Kestra.Security.Oidc.Authorization;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>Prints a <see cref="RoleResolution"/> as a table or as the JSON of SPEC §6.</summary>
internal static class ResolutionView
{
    /// <summary>The stable JSON shape: client, subject, source, groups, groupsFrom, claimSources, roles, permissions, warnings, trace, refusal, checks.</summary>
    public static Resolution ToJson(RoleResolution r, IReadOnlyList<PermissionDecision>? checks = null) => new(
        r.Client,
        r.Subject,
        r.PreferredUsername,
        r.Email,
        r.SourceName,
        r.Groups,
        r.GroupsFromName,
        [.. r.ClaimSources.Select(a => new ClaimSourceView(a.Name, a.GroupCount, a.Detail))],
        [.. r.Roles.Select(role => new RoleView(role.Name, role.Model.ToString(), role.GrantedBy, role.Namespace))],
        r.Permissions,
        r.NamespacePermissions,
        [.. r.Warnings.Select(w => new WarningView(w.Code, w.Message))],
        [.. r.Trace.Select(t => new TraceView(t.Permission, t.Action, t.Role, t.GrantedBy, t.Namespace))],
        r.Refusal is null ? null : new WarningView(r.Refusal.Code, r.Refusal.Message),
        PermissionChecks.ToJson(checks ?? []));

    /// <summary>The resolution's warnings, one line each on stderr.</summary>
    public static void WriteWarnings(RoleResolution r)
    {
        foreach (var warning in r.Warnings)
        {
            Output.Error($"warning {warning}");
        }
    }

    public static void Write(RoleResolution r, OutputFormat format, IReadOnlyList<PermissionDecision>? checks = null)
    {
        WriteWarnings(r);

        if (format == OutputFormat.Json)
        {
            Output.WriteJson(ToJson(r, checks), Output.Json.Resolution);
            return;
        }

        var console = Output.Stdout;
        console.MarkupLine($"client [blue]{Markup.Escape(r.Client ?? "-")}[/]  subject [blue]{Markup.Escape(r.Subject ?? "-")}[/]  user [blue]{Markup.Escape(r.PreferredUsername ?? "-")}[/]  email [blue]{Markup.Escape(r.Email ?? "-")}[/]");
        console.MarkupLine($"source [green]{r.SourceName}[/]  groups: {Markup.Escape(r.Groups.Count == 0 ? "(none)" : string.Join(", ", r.Groups))}  from [green]{Markup.Escape(r.GroupsFromName ?? "-")}[/]");
        foreach (var attempt in r.ClaimSources)
        {
            console.MarkupLine($"  claim source {Markup.Escape(attempt.ToString())}");
        }

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

    /// <summary>The JSON of a resolution (SPEC §6); <c>validate</c> adds its fields to the token's.</summary>
    internal sealed record Resolution(
        string? Client, string? Subject, string? Username, string? Email, string Source, IReadOnlyList<string> Groups,
        string? GroupsFrom, IReadOnlyList<ClaimSourceView> ClaimSources, IReadOnlyList<RoleView> Roles,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> NamespacePermissions,
        IReadOnlyList<WarningView> Warnings, IReadOnlyList<TraceView> Trace, WarningView? Refusal, IReadOnlyList<PermissionChecks.CheckView> Checks);

    /// <summary>One claim source tried (SPEC §7): its name, how many groups it gave, and what happened.</summary>
    internal sealed record ClaimSourceView(string Source, int Groups, string Detail);

    /// <summary>One role: name, permission model, what granted it and its namespace (or null).</summary>
    internal sealed record RoleView(string Name, string Model, string GrantedBy, string? Namespace);

    /// <summary>A warning or the refusal: code and message.</summary>
    internal sealed record WarningView(string Code, string Message);

    /// <summary>One granted action and why: permission, action, role, what granted the role, namespace (or null).</summary>
    internal sealed record TraceView(string Permission, string Action, string Role, string GrantedBy, string? Namespace);
}
