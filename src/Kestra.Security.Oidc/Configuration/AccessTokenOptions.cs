namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>kestra-security-oidc.access-token</c>: what an access token must be issued for (SPEC §7).</summary>
public sealed class AccessTokenOptions
{
    /// <summary>
    /// <c>audiences</c>: the token's <c>aud</c> must contain one of these. Empty (the default) means the client's <c>client-id</c>.
    /// In Keycloak, an Audience mapper on the client (or a client scope) adds an audience to its access tokens.
    /// </summary>
    public IList<string> Audiences { get; set; } = [];

    /// <summary><c>authorized-parties</c>: when set, the token's <c>azp</c> must be one of these (the clients allowed to call this API). Empty: any.</summary>
    public IList<string> AuthorizedParties { get; set; } = [];
}
