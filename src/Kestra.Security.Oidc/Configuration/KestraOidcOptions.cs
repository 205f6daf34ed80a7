namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// A Kestra SSO configuration: the keys of Kestra's <c>application.yml</c> under
/// <c>micronaut.security…</c> and <c>kestra.security…</c> (SPEC §1.1), plus the library's own extension section.
/// </summary>
/// <remarks>
/// Load it from Kestra's YAML with <see cref="KestraYamlConfiguration"/> or from
/// <c>IConfiguration</c> with <see cref="KestraConfigurationBinder"/>; both give equal options for the same settings.
/// </remarks>
public sealed class KestraOidcOptions
{
    /// <summary><c>micronaut.security.oauth2.enabled</c>: SSO on or off. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>micronaut.security.oauth2.clients.&lt;name&gt;</c>: one OIDC client per provider, by name.</summary>
    /// <remarks>The name is the last segment of the callback URL (<c>/oauth/callback/keycloak</c>).</remarks>
    public IDictionary<string, OidcClientOptions> Clients { get; } = new Dictionary<string, OidcClientOptions>(StringComparer.Ordinal);

    /// <summary><c>micronaut.security.oauth2.login-uri</c>. Default <c>/oauth/login{/provider}</c>.</summary>
    public string LoginUri { get; set; } = "/oauth/login{/provider}";

    /// <summary><c>micronaut.security.oauth2.callback-uri</c>. Default <c>/oauth/callback{/provider}</c>.</summary>
    public string CallbackUri { get; set; } = "/oauth/callback{/provider}";

    /// <summary><c>micronaut.security.oauth2.openid.logout-uri</c>. Default <c>/oauth/logout</c>.</summary>
    public string OpenIdLogoutUri { get; set; } = "/oauth/logout";

    /// <summary><c>micronaut.security.oauth2.openid.end-session.redirect-uri</c>: where the provider sends the user after logout. Default <c>/logout</c>.</summary>
    public string EndSessionRedirectUri { get; set; } = "/logout";

    /// <summary><c>micronaut.security.endpoints.logout</c>: the logout route.</summary>
    public LogoutEndpointOptions Logout { get; set; } = new();

    /// <summary><c>kestra.url</c>: Kestra's public base URL; redirect URIs are built from it.</summary>
    public string? KestraUrl { get; set; }

    /// <summary><c>kestra.security.default-role</c> (<c>defaultRole</c>): the role of users for whom the IdP sends no group.</summary>
    public RoleOptions? DefaultRole { get; set; }

    /// <summary><c>kestra.security.oidc.groups-claim-path</c>: the claim path (SPEC §3) to the user's groups in the ID token.</summary>
    public string? GroupsClaimPath { get; set; }

    /// <summary><c>kestra.security.super-admin.username</c> (recognised, not used for SSO).</summary>
    public string? SuperAdminUsername { get; set; }

    /// <summary>The library's own settings (section <c>kestra-security-oidc</c>); these are not Kestra keys.</summary>
    public KestraOidcExtensionOptions Extensions { get; set; } = new();

    /// <inheritdoc />
    public override string ToString() =>
        $"KestraOidcOptions {{ Enabled = {Enabled}, Clients = [{string.Join(", ", Clients.Keys)}], KestraUrl = {KestraUrl}, DefaultRole = {DefaultRole?.Name}, GroupsClaimPath = {GroupsClaimPath} }}";
}
