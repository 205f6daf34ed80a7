namespace Kestra.Security.Oidc.WebSample.Routes;

internal static class KestraSsoRoutes
{
    private static readonly string[] GetAndPost = [HttpMethods.Get, HttpMethods.Post];

    /// <summary>Maps Kestra's SSO routes where the options put them (defaults: <c>/oauth/login/{provider}</c>, <c>/oauth/callback/{provider}</c>, <c>/oauth/logout</c>, <c>/logout</c>).</summary>
    public static void MapKestraSsoRoutes(this WebApplication app)
    {
        var routes = app.Services.GetRequiredService<KestraRoutes>();
        app.MapGet(routes.LoginPattern, LoginEndpoint.HandleAsync);
        app.MapMethods(routes.CallbackPattern, GetAndPost, CallbackEndpoint.HandleAsync).DisableAntiforgery();
        app.MapMethods(routes.OpenIdLogoutPattern, GetAndPost, LogoutEndpoints.OpenIdLogoutAsync);
        app.MapMethods(routes.LogoutPattern, GetAndPost, LogoutEndpoints.LogoutAsync);
    }
}
