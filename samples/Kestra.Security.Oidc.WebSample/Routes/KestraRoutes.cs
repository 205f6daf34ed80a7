using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Routes;

/// <summary>
/// Kestra's SSO routes as ASP.NET Core route patterns, from the options read at start (<c>login-uri</c>, <c>callback-uri</c>,
/// <c>openid.logout-uri</c>, <c>endpoints.logout.path</c>). A change of these keys takes a restart; everything else reloads.
/// </summary>
internal sealed class KestraRoutes
{
    private const string ProviderParameter = "provider";

    public KestraRoutes(IOptionsMonitor<KestraOidcOptions> options)
    {
        var current = options.CurrentValue;
        LoginPattern = ToRoutePattern(current.LoginUri);
        CallbackPattern = ToRoutePattern(current.CallbackUri);
        OpenIdLogoutPattern = ToRoutePattern(current.OpenIdLogoutUri);
        LogoutPattern = ToRoutePattern(current.Logout.Path);
    }

    public string LoginPattern { get; }

    public string CallbackPattern { get; }

    public string OpenIdLogoutPattern { get; }

    public string LogoutPattern { get; }

    /// <summary>The login path of one client: <c>/oauth/login/keycloak</c>.</summary>
    public string LoginPath(string clientName) =>
        LoginPattern.Replace("{" + ProviderParameter + "}", Uri.EscapeDataString(clientName), StringComparison.Ordinal);

    /// <summary>Micronaut's URI template <c>/oauth/login{/provider}</c> as the route pattern <c>/oauth/login/{provider}</c>.</summary>
    public static string ToRoutePattern(string micronautTemplate)
    {
        var pattern = micronautTemplate
            .Replace("{/" + ProviderParameter + "}", "/{" + ProviderParameter + "}", StringComparison.Ordinal)
            .Trim();
        return pattern.StartsWith('/') ? pattern : "/" + pattern;
    }
}
