using System.Security.Claims;
using Kestra.Security.Oidc.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Kestra.Security.Oidc.WebSample.Session;

/// <summary>The signed-in user in the data-protected session cookie: subject, name, client, the ID token (for <c>id_token_hint</c>) and the snapshot.</summary>
internal static class KestraSession
{
    public const string ClientClaim = "kestra:client";
    private const string IdTokenName = "id_token";

    public static Task SignInAsync(HttpContext http, string client, string idToken, RoleResolution resolution)
    {
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, resolution.Subject ?? string.Empty));
        identity.AddClaim(new Claim(ClaimTypes.Name, resolution.PreferredUsername ?? resolution.Subject ?? string.Empty));
        identity.AddClaim(new Claim(ClientClaim, client));

        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
        properties.Items[SessionSnapshot.PropertyName] = SessionSnapshot.From(client, resolution).Serialize();
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), properties);
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>The current session, or null when anonymous.</summary>
    public static async Task<Current?> GetAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal.FindFirstValue(ClientClaim) is not { } client)
        {
            return null;
        }

        return new Current(
            client,
            result.Properties.GetTokenValue(IdTokenName),
            SessionSnapshot.Deserialize(result.Properties.Items.TryGetValue(SessionSnapshot.PropertyName, out var json) ? json : null));
    }

    internal sealed record Current(string Client, string? IdToken, SessionSnapshot? Snapshot);
}
