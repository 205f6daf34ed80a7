namespace Kestra.Security.Oidc.Configuration;

/// <summary>Copies loaded options into the instance the options system owns.</summary>
internal static class KestraOidcOptionsCopy
{
    public static void CopyTo(this KestraOidcOptions source, KestraOidcOptions target)
    {
        target.Enabled = source.Enabled;
        target.Clients.Clear();
        foreach (var (name, client) in source.Clients)
        {
            target.Clients[name] = client;
        }

        target.LoginUri = source.LoginUri;
        target.CallbackUri = source.CallbackUri;
        target.OpenIdLogoutUri = source.OpenIdLogoutUri;
        target.EndSessionRedirectUri = source.EndSessionRedirectUri;
        target.Logout = source.Logout;
        target.KestraUrl = source.KestraUrl;
        target.DefaultRole = source.DefaultRole;
        target.GroupsClaimPath = source.GroupsClaimPath;
        target.SuperAdminUsername = source.SuperAdminUsername;
        target.Extensions = source.Extensions;
    }
}
