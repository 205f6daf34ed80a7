namespace Kestra.Security.Oidc.AspNetCore;

/// <summary>The authentication scheme names the package registers.</summary>
/// <example>
/// <code>
/// app.MapGet("/api/flows", …).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = KestraAuthenticationDefaults.CookieScheme });
/// </code>
/// </example>
public static class KestraAuthenticationDefaults
{
    /// <summary>The cookie scheme that holds the signed-in session (cookie <c>.Kestra.Session</c>).</summary>
    public const string CookieScheme = "Kestra.Cookies";

    /// <summary>The OpenID Connect scheme of <c>AddKestraOpenIdConnect()</c> without a client name (the only configured client).</summary>
    public const string OpenIdConnectScheme = "Kestra.OpenIdConnect";

    /// <summary>The default scheme when both <c>AddKestraJwtBearer</c> and <c>AddKestraOpenIdConnect</c> are used: forwards to the bearer scheme for a bearer token, to the cookie scheme otherwise (browsers).</summary>
    public const string PolicyScheme = "Kestra";

    /// <summary>The internal scheme that serves Kestra's login and logout routes.</summary>
    public const string RoutesScheme = "Kestra.Routes";

    /// <summary>The session cookie's name, as Kestra's web sample has always used it.</summary>
    public const string SessionCookieName = ".Kestra.Session";

    /// <summary>The OpenID Connect scheme of one client: <see cref="OpenIdConnectScheme"/> for <see langword="null"/>, else <c>Kestra.OpenIdConnect.{client}</c>.</summary>
    /// <param name="client">The client name under <c>micronaut.security.oauth2.clients</c>, or <see langword="null"/>.</param>
    public static string OpenIdConnectSchemeFor(string? client) =>
        client is null ? OpenIdConnectScheme : OpenIdConnectScheme + "." + client;
}
