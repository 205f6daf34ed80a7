using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.WebSample.Routes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Session;

/// <summary>An anonymous request for a protected page goes to the login route of the only client (or to the home page to pick one).</summary>
internal sealed class SessionCookieEvents(KestraRoutes routes, IOptionsMonitor<KestraOidcOptions> options) : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var client = ClientSelection.Find(options.CurrentValue, provider: null);
        var target = client is null
            ? "/"
            : $"{routes.LoginPath(client)}?returnUrl={Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString)}";
        context.Response.Redirect(request.PathBase + target);
        return Task.CompletedTask;
    }
}
