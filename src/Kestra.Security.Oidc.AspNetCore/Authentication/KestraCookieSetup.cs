using System.Security.Claims;
using Kestra.Security.Oidc.AspNetCore.Routes;
using Kestra.Security.Oidc.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// The session cookie (<c>.Kestra.Session</c>, HTTP-only, SameSite=Lax): an anonymous request for a protected page goes to
/// the login route, a forbidden one gets 403, and each request's principal carries the ID token's payload of the login
/// (as in Kestra, groups are read at login) for the claims transformation.
/// </summary>
internal sealed class KestraCookieSetup(KestraClients clients, KestraRouteTable routes) : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != KestraAuthenticationDefaults.CookieScheme)
        {
            return;
        }

        options.Cookie.Name = KestraAuthenticationDefaults.SessionCookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = false;
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnRedirectToLogin = RedirectToLogin;
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = ValidatePrincipal;
    }

    private Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (string.Equals(request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        var only = clients.EnabledClients() is [var client] ? client : null;
        var target = only is null
            ? "/"
            : $"{routes.Login.PathFor(only)}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}";
        context.Response.Redirect(request.PathBase + target);
        return Task.CompletedTask;
    }

    private static Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity
            || identity.FindFirst(KestraClaimTypes.Client)?.Value is not { } client
            || context.Properties.GetTokenValue(OpenIdConnectParameterNames.IdToken) is not { } idToken)
        {
            return Task.CompletedTask; // a session the package did not open
        }

        var parts = idToken.Split('.');
        byte[] payload;
        try
        {
            payload = parts.Length == 3 ? Base64UrlEncoder.DecodeBytes(parts[1]) : throw new FormatException("not a JWS");
        }
        catch (FormatException)
        {
            context.RejectPrincipal();
            return Task.CompletedTask;
        }

        context.ReplacePrincipal(new ClaimsPrincipal(new KestraTokenIdentity(identity.Claims, identity.AuthenticationType ?? KestraAuthenticationDefaults.CookieScheme, client, payload)));
        return Task.CompletedTask;
    }
}
