using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.WebSample.Session;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Routes;

/// <summary>Kestra's two logout routes.</summary>
internal static class LogoutEndpoints
{
    /// <summary>
    /// <c>POST /logout</c> (and <c>GET</c> only with <c>micronaut.security.endpoints.logout.get-allowed: true</c>, else 405): ends the
    /// session here and goes home. It is also where the provider sends the user back after logout (<c>end-session.redirect-uri</c>),
    /// with a GET, which is why Kestra's guide turns <c>get-allowed</c> on.
    /// </summary>
    public static async Task<IResult> LogoutAsync(HttpContext http, IOptionsMonitor<KestraOidcOptions> options)
    {
        var logout = options.CurrentValue.Logout;
        if (!logout.Enabled)
        {
            return Results.NotFound();
        }

        if (HttpMethods.IsGet(http.Request.Method) && !logout.GetAllowed)
        {
            http.Response.Headers.Allow = "POST";
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }

        await KestraSession.SignOutAsync(http);
        return Results.Redirect("/");
    }

    /// <summary>
    /// <c>/oauth/logout</c>: redirects to the provider's end-session endpoint with <c>client_id</c>, <c>post_logout_redirect_uri</c>
    /// and <c>id_token_hint</c> (Keycloak 18+). The sample also ends its own session first, so the user is logged out here even
    /// if the provider never sends them back.
    /// </summary>
    public static async Task<IResult> OpenIdLogoutAsync(HttpContext http, IssuerMetadataProvider metadataProvider, KestraEndpoints endpoints)
    {
        var session = await KestraSession.GetAsync(http);
        await KestraSession.SignOutAsync(http);
        if (session is null)
        {
            return Results.Redirect("/");
        }

        try
        {
            var metadata = await metadataProvider.GetAsync(session.Client, http.RequestAborted);
            var endSession = endpoints.EndSessionUrl(metadata, session.IdToken);
            return Results.Redirect(endSession?.AbsoluteUri ?? "/");
        }
        catch (DiscoveryException)
        {
            return Results.Redirect("/"); // logged out here; the provider's session could not be ended
        }
    }
}
