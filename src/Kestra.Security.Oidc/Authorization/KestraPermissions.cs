using System.Collections.Frozen;
using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Kestra's permission vocabularies (SPEC §2): the 1.x CRUD permissions, the 2.0 resources and actions,
/// and the documented 1.x → 2.0 expansion.
/// </summary>
public static class KestraPermissions
{
    /// <summary>The 1.x actions.</summary>
    public static IReadOnlyList<string> CrudActions { get; } = ["CREATE", "READ", "UPDATE", "DELETE"];

    /// <summary>The 1.x permissions (without the deprecated <c>ME</c> and <c>APITOKEN</c>).</summary>
    public static IReadOnlyList<string> CrudPermissions { get; } =
    [
        "FLOW", "EXECUTION", "TEMPLATE", "NAMESPACE", "KVSTORE", "DASHBOARD", "SECRET", "CREDENTIAL", "GROUP", "ROLE",
        "BINDING", "AUDITLOG", "BLUEPRINT", "IMPERSONATE", "SETTING", "APP", "APPEXECUTION", "AI_COPILOT", "TEST",
        "ASSET", "USER", "SERVICE_ACCOUNT", "TENANT_ACCESS", "INVITATION", "GROUP_MEMBERSHIP", "INFRASTRUCTURE",
    ];

    /// <summary>Older 1.x permissions, accepted with a deprecation warning.</summary>
    public static IReadOnlyList<string> DeprecatedPermissions { get; } = ["ME", "APITOKEN"];

    /// <summary>The 2.0 resources.</summary>
    public static IReadOnlyList<string> Resources { get; } =
    [
        "FLOW", "EXECUTION", "TRIGGER", "NAMESPACE", "KVSTORE", "SECRET", "CREDENTIAL", "DASHBOARD", "BLUEPRINT", "APP",
        "TESTSUITE", "ASSET", "MCP_SERVER", "COPILOT", "USER", "GROUP", "ROLE", "BINDING", "SERVICE_ACCOUNT",
        "INVITATION", "AUDITLOG", "SYSTEM_SETTINGS", "TENANT_SETTINGS",
    ];

    /// <summary>The 2.0 actions every resource has.</summary>
    public static IReadOnlyList<string> CommonActions { get; } = ["VIEW", "LIST", "CREATE", "UPDATE", "DELETE"];

    private static readonly FrozenDictionary<string, string[]> s_resourceActions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["FLOW"] = ["EXECUTE", "DISABLE", "ENABLE", "VALIDATE", "EXPORT", "IMPORT"],
        ["EXECUTION"] =
        [
            "RESTART", "KILL", "REPLAY", "PAUSE", "RESUME", "CHANGE_LABELS", "ACCESS_LOGS", "ACCESS_OUTPUTS", "ACCESS_FILES",
            "FOLLOW", "EXPORT", "UNQUEUE", "FORCE_RUN",
        ],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_crudPermissions = CrudPermissions.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> s_deprecated = DeprecatedPermissions.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> s_resources = Resources.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> s_crudActions = CrudActions.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every permission or resource name either vocabulary accepts, sorted.</summary>
    public static IReadOnlyList<string> AllPermissionNames { get; } =
        CrudPermissions.Concat(DeprecatedPermissions).Concat(Resources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The canonical form of a permission or action name: upper case, <c>-</c> as <c>_</c> (<c>ai-copilot</c> → <c>AI_COPILOT</c>).</summary>
    public static string Canonicalize(string name) => KeyNormalizer.ToEnumName(KeyNormalizer.Normalize(name.Trim()));

    /// <summary>Whether a canonical permission name belongs to either vocabulary (deprecated names included).</summary>
    public static bool IsKnownPermission(string permission) =>
        s_crudPermissions.Contains(permission) || s_resources.Contains(permission) || s_deprecated.Contains(permission);

    /// <summary>Whether a canonical permission name is one of the deprecated 1.x names.</summary>
    public static bool IsDeprecatedPermission(string permission) => s_deprecated.Contains(permission);

    /// <summary>The actions a permission or resource accepts in either vocabulary, sorted.</summary>
    public static IReadOnlyList<string> ActionsFor(string permission)
    {
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        if (s_crudPermissions.Contains(permission) || s_deprecated.Contains(permission))
        {
            actions.UnionWith(CrudActions);
        }

        if (s_resources.Contains(permission))
        {
            actions.UnionWith(CommonActions);
            if (s_resourceActions.TryGetValue(permission, out var specific))
            {
                actions.UnionWith(specific);
            }
        }

        return [.. actions];
    }

    /// <summary>Whether <paramref name="action"/> is valid for <paramref name="permission"/> (both canonical).</summary>
    public static bool IsKnownAction(string permission, string action) =>
        ((s_crudPermissions.Contains(permission) || s_deprecated.Contains(permission)) && s_crudActions.Contains(action))
        || (s_resources.Contains(permission)
            && (CommonActions.Contains(action) || (s_resourceActions.TryGetValue(permission, out var specific) && specific.Contains(action))));

    /// <summary>Which vocabulary a set of grants uses: 1.x when everything is CRUD on a 1.x permission, 2.0 when everything fits 2.0.</summary>
    public static PermissionModel DetectModel(IEnumerable<KeyValuePair<string, IList<string>>> permissions)
    {
        bool anyCrudOnly = false, anyResourceOnly = false;
        foreach (var (permission, actions) in permissions)
        {
            var crudPermission = s_crudPermissions.Contains(permission) || s_deprecated.Contains(permission);
            var resource = s_resources.Contains(permission);
            anyCrudOnly |= crudPermission && !resource;
            anyResourceOnly |= resource && !crudPermission;
            foreach (var action in actions)
            {
                anyCrudOnly |= action == "READ";
                anyResourceOnly |= !s_crudActions.Contains(action) && IsKnownAction(permission, action);
            }
        }

        return (anyCrudOnly, anyResourceOnly) switch
        {
            (true, true) => PermissionModel.Mixed,
            (false, true) => PermissionModel.ResourceAction,
            _ => PermissionModel.Crud,
        };
    }

    /// <summary>
    /// The documented 1.x → 2.0 expansion of one action on one permission, e.g. <c>FLOW READ</c> →
    /// <c>VIEW LIST EXPORT</c>; other resources map <c>READ</c> to <c>VIEW LIST</c> and the other actions to themselves.
    /// </summary>
    /// <param name="permission">A canonical 1.x permission name.</param>
    /// <param name="action">A canonical 1.x action.</param>
    public static IReadOnlyList<string> ExpandToResourceActions(string permission, string action) => (permission, action) switch
    {
        ("FLOW", "READ") => ["VIEW", "LIST", "EXPORT"],
        ("FLOW", "CREATE") => ["CREATE", "IMPORT"],
        ("FLOW", "UPDATE") => ["UPDATE", "EXECUTE", "DISABLE", "ENABLE", "VALIDATE"],
        ("EXECUTION", "READ") => ["VIEW", "LIST", "ACCESS_LOGS", "ACCESS_OUTPUTS", "ACCESS_FILES", "EXPORT", "FOLLOW"],
        ("EXECUTION", "UPDATE") => ["UPDATE", "RESTART", "KILL", "REPLAY", "PAUSE", "RESUME", "CHANGE_LABELS", "UNQUEUE", "FORCE_RUN"],
        (_, "READ") => ["VIEW", "LIST"],
        _ => [action],
    };
}
