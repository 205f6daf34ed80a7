using Kestra.Security.Oidc.ClaimSources;

namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// The library's own settings, under the top-level YAML section <c>kestra-security-oidc</c>.
/// Kestra has no such keys; Kestra itself ignores this section.
/// </summary>
public sealed class KestraOidcExtensionOptions
{
    /// <summary><c>group-paths</c>: keep Keycloak full group paths (<c>/parent/child</c>) as sent, or keep only the last segment.</summary>
    public GroupPathMode GroupPaths { get; set; } = GroupPathMode.Full;

    /// <summary><c>group-matching</c>: how group names are compared with bindings. Default exact and ordinal.</summary>
    public GroupMatching GroupMatching { get; set; } = GroupMatching.Exact;

    /// <summary>
    /// <c>default-role-mode</c>: <see cref="DefaultRoleMode.WithoutGroups"/> (default: the default role applies to users
    /// without groups) or <see cref="DefaultRoleMode.Always"/> (every user has it, as in Kestra).
    /// </summary>
    public DefaultRoleMode DefaultRoleMode { get; set; } = DefaultRoleMode.WithoutGroups;

    /// <summary>
    /// <c>require-groups</c>: when <see langword="true"/>, a user whose token carries no group is refused
    /// (<see cref="Authorization.RoleWarningCodes.GroupsRequired"/>) instead of getting the default role. Default <see langword="false"/>.
    /// </summary>
    public bool RequireGroups { get; set; }

    /// <summary><c>roles.&lt;name&gt;</c>: roles that bindings can grant.</summary>
    public IDictionary<string, RoleOptions> Roles { get; } = new Dictionary<string, RoleOptions>(StringComparer.Ordinal);

    /// <summary><c>group-bindings</c>: which groups get which roles, optionally in a namespace.</summary>
    public IList<GroupBindingOptions> GroupBindings { get; } = [];

    /// <summary><c>discovery</c>: how the issuer's metadata and keys are fetched.</summary>
    public DiscoveryOptions Discovery { get; set; } = new();

    /// <summary><c>validation</c>: ID-token validation settings.</summary>
    public TokenValidationSettings Validation { get; set; } = new();

    /// <summary>
    /// <c>claim-sources</c>: where groups are read from, in order; the first source whose <c>groups-claim-path</c> yields a
    /// group wins. Default <c>[id-token]</c> (Kestra's behaviour).
    /// </summary>
    public IList<ClaimSourceKind> ClaimSources { get; set; } = [ClaimSourceKind.IdToken];

    /// <summary><c>access-token</c>: the audiences and authorized parties an access token must name.</summary>
    public AccessTokenOptions AccessToken { get; set; } = new();

    /// <summary><c>introspection</c>: the introspection cache.</summary>
    public IntrospectionOptions Introspection { get; set; } = new();

    /// <summary><c>shared-cache</c>: where state shared between instances lives (in memory by default, or Redis).</summary>
    public SharedCacheOptions SharedCache { get; set; } = new();
}
