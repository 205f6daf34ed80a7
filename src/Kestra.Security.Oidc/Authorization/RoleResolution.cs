using Kestra.Security.Oidc.ClaimSources;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Which groups, roles and Kestra permissions a user has, and why (SPEC §4.1). Immutable; every list is sorted,
/// so the same claims always give an equal result.
/// </summary>
public sealed class RoleResolution
{
    private bool _fromChain;
    private ClaimSourceKind? _groupsFrom;

    internal RoleResolution(
        string? client,
        string? subject,
        string? preferredUsername,
        string? email,
        IReadOnlyList<string> groups,
        GroupSource source,
        IReadOnlyList<ResolvedRole> roles,
        IReadOnlyDictionary<string, IReadOnlyList<string>> permissions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> namespacePermissions,
        IReadOnlyList<ResolutionWarning> warnings,
        IReadOnlyList<PermissionTrace> trace)
    {
        Client = client;
        Subject = subject;
        PreferredUsername = preferredUsername;
        Email = email;
        Groups = groups;
        Source = source;
        Roles = roles;
        Permissions = permissions;
        NamespacePermissions = namespacePermissions;
        Warnings = warnings;
        Trace = trace;
    }

    /// <summary>The client (provider) name, e.g. <c>keycloak</c>.</summary>
    public string? Client { get; }

    /// <summary>The <c>sub</c> claim.</summary>
    public string? Subject { get; }

    /// <summary>The <c>preferred_username</c> claim.</summary>
    public string? PreferredUsername { get; }

    /// <summary>The <c>email</c> claim.</summary>
    public string? Email { get; }

    /// <summary>The groups found at <c>groups-claim-path</c>, sorted.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>Where the roles came from.</summary>
    public GroupSource Source { get; }

    /// <summary><see cref="Source"/> as SPEC §6 spells it: <c>groups</c>, <c>default-role</c> or <c>none</c>.</summary>
    public string SourceName => Source switch
    {
        GroupSource.Groups => "groups",
        GroupSource.DefaultRole => "default-role",
        _ => "none",
    };

    /// <summary>The roles that apply, sorted by name.</summary>
    public IReadOnlyList<ResolvedRole> Roles { get; }

    /// <summary>Permissions granted in every namespace: permission → sorted actions, as the roles state them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Permissions { get; }

    /// <summary>Permissions granted only in a namespace (and its children): namespace → permission → sorted actions.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> NamespacePermissions { get; }

    /// <summary>What the operator should know (a claim that is missing, groups without bindings, …).</summary>
    public IReadOnlyList<ResolutionWarning> Warnings { get; private set; }

    /// <summary>
    /// The claim source the groups came from (SPEC §7), or <see langword="null"/> when none gave a group. A payload resolved
    /// directly (<see cref="KestraRoleResolver.Resolve(System.Text.Json.JsonElement, string?, RoleResolutionContext?)"/>) counts as the ID token.
    /// </summary>
    public ClaimSourceKind? GroupsFrom => _fromChain ? _groupsFrom : Groups.Count > 0 ? ClaimSourceKind.IdToken : null;

    /// <summary><see cref="GroupsFrom"/> as SPEC §6 spells it (<c>id-token</c>, <c>userinfo</c>, <c>access-token</c>, <c>introspection</c>), or <see langword="null"/>.</summary>
    public string? GroupsFromName => GroupsFrom is { } source ? ClaimSourceNames.Of(source) : null;

    /// <summary>Each claim source tried, in order, with what it gave (one line each; empty for a payload resolved directly).</summary>
    public IReadOnlyList<ClaimSourceAttempt> ClaimSources { get; private set; } = [];

    /// <summary>Each granted action with the role and group that granted it, sorted.</summary>
    public IReadOnlyList<PermissionTrace> Trace { get; }

    /// <summary>Records where the groups came from; called once by the authenticator before the result is handed out.</summary>
    internal RoleResolution WithClaimSources(ClaimSourceKind? groupsFrom, IReadOnlyList<ClaimSourceAttempt> attempts, IReadOnlyList<ResolutionWarning> warnings)
    {
        _fromChain = true;
        _groupsFrom = groupsFrom;
        ClaimSources = attempts;
        if (warnings.Count > 0)
        {
            Warnings = [.. warnings, .. Warnings];
        }

        return this;
    }

    /// <summary>
    /// Whether the user may do <paramref name="action"/> on <paramref name="permission"/> (in <paramref name="namespace"/>
    /// when given). A 2.0 action is also allowed by the 1.x action that the documented expansion maps to it
    /// (<c>FLOW VIEW</c> is allowed by <c>FLOW READ</c>).
    /// </summary>
    public bool IsAllowed(string permission, string action, string? @namespace = null)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(action);
        permission = KestraPermissions.Canonicalize(permission);
        action = KestraPermissions.Canonicalize(action);
        if (Grants(Permissions, permission, action))
        {
            return true;
        }

        if (@namespace is null)
        {
            return false;
        }

        foreach (var (scope, permissions) in NamespacePermissions)
        {
            if (NamespaceScope.Covers(scope, @namespace) && Grants(permissions, permission, action))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Grants(IReadOnlyDictionary<string, IReadOnlyList<string>> permissions, string permission, string action)
    {
        if (!permissions.TryGetValue(permission, out var actions))
        {
            return false;
        }

        foreach (var granted in actions)
        {
            if (granted == action || KestraPermissions.ExpandToResourceActions(permission, granted).Contains(action))
            {
                return true;
            }
        }

        return false;
    }
}
