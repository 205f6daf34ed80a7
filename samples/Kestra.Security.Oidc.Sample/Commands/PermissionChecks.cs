using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Sample.Cli;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>
/// <c>--check PERMISSION:ACTION[@NAMESPACE]</c> of <c>resolve</c> and <c>validate</c> (SPEC §6): parsing, evaluation through
/// <see cref="RoleResolution.Check"/> (the library says what granted it), output, and exit code 5 when one is denied.
/// </summary>
internal static class PermissionChecks
{
    public const string Syntax = "PERMISSION:ACTION[@NAMESPACE], e.g. FLOW:EXECUTE@prod.team";

    /// <summary>Declares the repeatable <c>--check</c> option, the same for every command that has it.</summary>
    public static void Declare(OptionSet options, Action<string[]> bind) =>
        options.Values("--check", "CHECK", $"Repeatable: {Syntax}; prints allowed/denied and what granted it; exit 5 when one is denied.", bind);

    /// <summary>Parses every value; on the first malformed one, prints what is wrong with the valid names and returns false.</summary>
    public static bool TryParse(IReadOnlyList<string>? values, out IReadOnlyList<PermissionCheck> checks)
    {
        var parsed = new List<PermissionCheck>();
        checks = parsed;
        foreach (var value in values ?? [])
        {
            if (Parse(value, out var error) is { } check)
            {
                parsed.Add(check);
                continue;
            }

            Output.Error($"kestra-oidc: --check '{value}': {error}");
            return false;
        }

        return true;
    }

    private static PermissionCheck? Parse(string value, out string error)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (colon <= 0 || (at >= 0 && at < colon))
        {
            error = $"expected {Syntax}";
            return null;
        }

        var permission = KestraPermissions.Canonicalize(value[..colon]);
        var action = KestraPermissions.Canonicalize(at < 0 ? value[(colon + 1)..] : value[(colon + 1)..at]);
        var ns = at < 0 ? null : value[(at + 1)..];
        error = string.Empty;
        if (!KestraPermissions.IsKnownPermission(permission))
        {
            error = $"unknown permission '{permission}'; valid permissions: {string.Join(", ", KestraPermissions.AllPermissionNames)}";
        }
        else if (!KestraPermissions.IsKnownAction(permission, action))
        {
            var what = action.Length == 0 ? "the action is missing" : $"unknown action '{action}' for '{permission}'";
            error = $"{what}; valid actions for '{permission}': {string.Join(", ", KestraPermissions.ActionsFor(permission))}";
        }
        else if (ns is not null && string.IsNullOrWhiteSpace(ns))
        {
            error = $"the namespace after '@' is empty; expected {Syntax}";
        }

        return error.Length == 0 ? new PermissionCheck(permission, action, ns) : null;
    }

    public static IReadOnlyList<PermissionDecision> Evaluate(RoleResolution resolution, IReadOnlyList<PermissionCheck> checks) =>
        checks.Select(c => resolution.Check(c.Permission, c.Action, c.Namespace)).ToList();

    /// <summary>The JSON field <c>checks</c>: <c>permission</c>, <c>action</c>, <c>namespace</c>, <c>allowed</c>, <c>grantedBy</c>.</summary>
    public static IReadOnlyList<CheckView> ToJson(IReadOnlyList<PermissionDecision> decisions) =>
    [
        .. decisions.Select(d => new CheckView(
            d.Permission,
            d.Action,
            d.Namespace,
            d.IsAllowed,
            [.. d.Grants.Select(g => new GrantView(g.Role, g.GrantedBy, g.Namespace, g.Action, g.Model.ToString()))])),
    ];

    public static void WriteTable(IReadOnlyList<PermissionDecision> decisions)
    {
        if (decisions.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumn("Check").AddColumn("Result").AddColumn("Granted by");
        foreach (var d in decisions)
        {
            table.AddRow(
                Markup.Escape($"{d.Permission}:{d.Action}{(d.Namespace is null ? string.Empty : "@" + d.Namespace)}"),
                d.IsAllowed ? "[green]allowed[/]" : "[red]denied[/]",
                Markup.Escape(d.IsAllowed ? string.Join("; ", d.Grants.Select(PermissionDecision.Describe)) : "-"));
        }

        Output.Stdout.Write(table);
    }

    /// <summary>0, or 5 when a check is denied (after printing which on stderr).</summary>
    public static int ExitCode(IReadOnlyList<PermissionDecision> decisions)
    {
        var denied = decisions.Where(d => !d.IsAllowed).ToList();
        foreach (var d in denied)
        {
            Output.Error($"kestra-oidc: denied: {d}");
        }

        return denied.Count == 0 ? ExitCodes.Ok : ExitCodes.Denied;
    }

    /// <summary>One check in JSON: what was asked, whether it is allowed, and the grants that allow it.</summary>
    internal sealed record CheckView(string Permission, string Action, string? Namespace, bool Allowed, IReadOnlyList<GrantView> GrantedBy);

    /// <summary>One grant behind an allowed check: role, what granted the role, namespace, action and permission model.</summary>
    internal sealed record GrantView(string Role, string GrantedBy, string? Namespace, string Action, string Model);
}
