using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// With both <c>AddKestraJwtBearer</c> and <c>AddKestraOpenIdConnect</c>, the default scheme forwards per request: a bearer
/// token goes to JwtBearer, a session cookie to the cookie scheme; without credentials a browser (Accept: text/html) is sent
/// to the login route and anything else gets 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal static class KestraSchemeSelector
{
    public static Func<HttpContext, string?> For(string bearerScheme) => context =>
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return bearerScheme;
        }

        if (request.Cookies.ContainsKey(KestraAuthenticationDefaults.SessionCookieName))
        {
            return KestraAuthenticationDefaults.CookieScheme;
        }

        var accept = request.Headers[HeaderNames.Accept].ToString();
        return accept.Contains("text/html", StringComparison.OrdinalIgnoreCase) ? KestraAuthenticationDefaults.CookieScheme : bearerScheme;
    };
}
