using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Which groups, roles and Kestra permissions a user has, and why (SPEC §4.1). Immutable; every list is sorted,
/// so the same claims always give an equal result.
/// </summary>
public sealed class RoleResolution
{
    private bool _fromChain;
    private ClaimSourceKind? _groupsFrom;
    private string? _preferredUsername;
    private string? _email;
    private DeferredText _usernameClaim;
    private DeferredText _emailClaim;

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
        IReadOnlyList<PermissionTrace> trace,
        ResolutionRefusal? refusal = null)
    {
        Client = client;
        Subject = subject;
        _preferredUsername = preferredUsername;
        _email = email;
        Groups = groups;
        Source = source;
        Roles = roles;
        Permissions = permissions;
        NamespacePermissions = namespacePermissions;
        Warnings = warnings;
        Trace = trace;
        Refusal = refusal;
    }

    /// <summary>The client (provider) name, e.g. <c>keycloak</c>.</summary>
    public string? Client { get; }

    /// <summary>The <c>sub</c> claim.</summary>
    public string? Subject { get; }

    /// <summary>The <c>preferred_username</c> claim.</summary>
    public string? PreferredUsername => _preferredUsername ??= _usernameClaim.Decode();

    /// <summary>The <c>email</c> claim.</summary>
    public string? Email => _email ??= _emailClaim.Decode();

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

    /// <summary>
    /// A resolution of a validated token whose <c>preferred_username</c> and <c>email</c> are decoded from the payload when first
    /// read (the request path rarely reads them).
    /// </summary>
    internal RoleResolution WithDeferredIdentity(DeferredText username, DeferredText email)
    {
        _usernameClaim = username;
        _emailClaim = email;
        return this;
    }

    /// <summary>Records where the groups came from; called once by the authenticator before the result is handed out.</summary>
    internal RoleResolution WithClaimSources(ClaimSourceKind? groupsFrom, IReadOnlyList<ClaimSourceAttempt> attempts, IReadOnlyList<ResolutionWarning>? warnings)
    {
        _fromChain = true;
        _groupsFrom = groupsFrom;
        ClaimSources = attempts;
        if (warnings is { Count: > 0 })
        {
            Warnings = [.. warnings, .. Warnings];
        }

        return this;
    }

    /// <summary>
    /// Set when the user is refused although the token is valid (<c>require-groups: true</c> and no group, code
    /// <see cref="RoleWarningCodes.GroupsRequired"/>); then nothing is granted. Null otherwise.
    /// </summary>
    public ResolutionRefusal? Refusal { get; }

    /// <summary>
    /// Whether the user may do <paramref name="action"/> on <paramref name="permission"/> (in <paramref name="namespace"/>
    /// when given; without it, only grants for every namespace count). A 2.0 action is also allowed by the 1.x action
    /// that the documented expansion maps to it (<c>FLOW VIEW</c> by <c>FLOW READ</c>), but only when the grant comes from
    /// a role written in the 1.x vocabulary: a 2.0 role's <c>FLOW UPDATE</c> does not allow <c>FLOW EXECUTE</c> (SPEC §4.4).
    /// </summary>
    public bool IsAllowed(string permission, string action, string? @namespace = null)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(action);
        permission = KestraPermissions.Canonicalize(permission);
        action = KestraPermissions.Canonicalize(action);

        // The request path: the first grant that allows it answers, without the list and decision Check builds.
        foreach (var grant in Trace)
        {
            if (InScope(grant, @namespace) && grant.Allows(permission, action))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Like <see cref="IsAllowed"/>, and says which grants allow the action: the role, the group or default role that gave
    /// it, its namespace and its own action.
    /// </summary>
    /// <param name="permission">A permission or resource, any case (<c>flow</c>, <c>FLOW</c>).</param>
    /// <param name="action">An action, any case (<c>execute</c>).</param>
    /// <param name="namespace">The namespace of the resource, e.g. <c>prod.team</c>; null asks about every namespace.</param>
    /// <example>
    /// <code>
    /// PermissionDecision d = resolution.Check("FLOW", "EXECUTE", "prod.team");
    /// // d.IsAllowed, d.Grants[0].Role == "Operator", d.Grants[0].GrantedBy == "group 'ops'", d.Grants[0].Namespace == "prod"
    /// </code>
    /// </example>
    public PermissionDecision Check(string permission, string action, string? @namespace = null)
    {
        ArgumentNullException.ThrowIfNull(permission);
        ArgumentNullException.ThrowIfNull(action);
        permission = KestraPermissions.Canonicalize(permission);
        action = KestraPermissions.Canonicalize(action);
        var grants = new List<PermissionTrace>();
        foreach (var grant in Trace)
        {
            if (InScope(grant, @namespace) && grant.Allows(permission, action))
            {
                grants.Add(grant);
            }
        }

        return new PermissionDecision(permission, action, @namespace, grants.AsReadOnly());
    }

    /// <summary>Whether a grant applies in <paramref name="namespace"/>: a grant for every namespace always, a namespaced one in its namespace and below.</summary>
    private static bool InScope(PermissionTrace grant, string? @namespace) =>
        grant.Namespace is null || (@namespace is not null && NamespaceScope.Covers(grant.Namespace, @namespace));
}
