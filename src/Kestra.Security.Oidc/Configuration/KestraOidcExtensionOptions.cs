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

    /// <summary><c>roles.&lt;name&gt;</c>: roles that bindings can grant.</summary>
    public IDictionary<string, RoleOptions> Roles { get; } = new Dictionary<string, RoleOptions>(StringComparer.Ordinal);

    /// <summary><c>group-bindings</c>: which groups get which roles, optionally in a namespace.</summary>
    public IList<GroupBindingOptions> GroupBindings { get; } = [];

    /// <summary><c>discovery</c>: how the issuer's metadata and keys are fetched.</summary>
    public DiscoveryOptions Discovery { get; set; } = new();

    /// <summary><c>validation</c>: ID-token validation settings.</summary>
    public TokenValidationSettings Validation { get; set; } = new();

    /// <summary><c>shared-cache</c>: where state shared between instances lives (in memory by default, or Redis).</summary>
    public SharedCacheOptions SharedCache { get; set; } = new();
}
