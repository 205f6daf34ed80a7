using Kestra.Security.Oidc.AspNetCore.Diagnostics;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Routes;

/// <summary>
/// Serves Kestra's login and logout routes from inside <c>UseAuthentication()</c> (an <see cref="IAuthenticationRequestHandler"/>,
/// as the OpenIdConnect handler serves its callback): <c>GET /oauth/login/{client}</c> challenges that client's OpenIdConnect
/// scheme, <c>/oauth/logout</c> signs out here and at the provider (Keycloak 18+ end-session), <c>/logout</c> signs out here.
/// </summary>
internal sealed class KestraRoutesHandler(
    KestraClients clients,
    KestraRouteTable routes,
    IOptionsMonitor<KestraOidcOptions> options,
    IServiceProvider services) : IAuthenticationRequestHandler
{
    private HttpContext _context = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    public async Task<bool> HandleRequestAsync()
    {
        var path = _context.Request.Path.Value ?? "/";
        if (routes.Login.Matches(path, out var provider))
        {
            if (!HttpMethods.IsGet(_context.Request.Method) && !HttpMethods.IsHead(_context.Request.Method))
            {
                KestraAnswer.MethodNotAllowed(_context, "GET");
                return true;
            }

            await LoginAsync(provider).ConfigureAwait(false);
            return true;
        }

        if (routes.OpenIdLogout.Matches(path, out _))
        {
            if (!IsGetOrPost())
            {
                KestraAnswer.MethodNotAllowed(_context, "GET, POST");
                return true;
            }

            await OpenIdLogoutAsync().ConfigureAwait(false);
            return true;
        }

        if (routes.Logout.Matches(path, out _))
        {
            return await LogoutAsync().ConfigureAwait(false);
        }

        return false;
    }

    private bool IsGetOrPost() => HttpMethods.IsGet(_context.Request.Method) || HttpMethods.IsPost(_context.Request.Method);

    private async Task LoginAsync(string? provider)
    {
        if (clients.Find(provider) is not { } found)
        {
            await KestraAnswer.WriteAsync(_context, StatusCodes.Status404NotFound, AspNetCoreCodes.UnknownClient, "Unknown provider",
                $"no enabled client '{provider}' under micronaut.security.oauth2.clients is registered with AddKestraOpenIdConnect.").ConfigureAwait(false);
            return;
        }

        try
        {
            var metadata = await services.GetRequiredService<IssuerMetadataProvider>().GetAsync(found.Client, _context.RequestAborted).ConfigureAwait(false);
            if (metadata.AuthorizationEndpoint is null)
            {
                await KestraAnswer.WriteAsync(_context, StatusCodes.Status502BadGateway, AspNetCoreCodes.ProviderUnreachable, "No authorization endpoint",
                    $"the provider '{metadata.Issuer}' offers no authorization endpoint.").ConfigureAwait(false);
                return;
            }
        }
        catch (DiscoveryException ex)
        {
            await KestraAnswer.WriteAsync(_context, StatusCodes.Status502BadGateway, AspNetCoreCodes.ProviderUnreachable, "The identity provider is unreachable", ex.Message).ConfigureAwait(false);
            return;
        }

        var returnUrl = KestraAnswer.LocalReturnUrl(_context.Request.Query["returnUrl"]);
        await _context.ChallengeAsync(found.Registration.Scheme, new AuthenticationProperties { RedirectUri = returnUrl }).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/oauth/logout</c>: ends the session here, then redirects to the provider's end-session endpoint with <c>client_id</c>,
    /// <c>post_logout_redirect_uri</c> = <c>{kestra.url}/logout</c> and <c>id_token_hint</c> (the OpenIdConnect handler's sign-out).
    /// </summary>
    private async Task OpenIdLogoutAsync()
    {
        var session = await _context.AuthenticateAsync(KestraAuthenticationDefaults.CookieScheme).ConfigureAwait(false);
        var client = session.Succeeded ? session.Principal?.FindFirst(KestraClaimTypes.Client)?.Value : null;
        var found = client is null ? null : clients.Find(client);
        if (found is { } f && await HasEndSessionAsync(f.Client).ConfigureAwait(false))
        {
            // The provider first (it reads the ID token of the session for id_token_hint), then the local session.
            await _context.SignOutAsync(f.Registration.Scheme, new AuthenticationProperties { RedirectUri = "/" }).ConfigureAwait(false);
            await _context.SignOutAsync(KestraAuthenticationDefaults.CookieScheme).ConfigureAwait(false);
            return;
        }

        await _context.SignOutAsync(KestraAuthenticationDefaults.CookieScheme).ConfigureAwait(false);
        _context.Response.Redirect("/");
    }

    private async Task<bool> HasEndSessionAsync(string client)
    {
        if (!options.CurrentValue.Clients.TryGetValue(client, out var settings) || !settings.OpenId.EndSessionEnabled)
        {
            return false;
        }

        try
        {
            var metadata = await services.GetRequiredService<IssuerMetadataProvider>().GetAsync(client, _context.RequestAborted).ConfigureAwait(false);
            return metadata.EndSessionEndpoint is not null;
        }
        catch (DiscoveryException)
        {
            return false; // logged out here; the provider's session cannot be ended now
        }
    }

    /// <summary>
    /// <c>POST /logout</c> (and <c>GET</c> only with <c>micronaut.security.endpoints.logout.get-allowed: true</c>, else 405): ends
    /// the session here and goes home. The provider sends the browser back here with a GET after logout.
    /// </summary>
    private async Task<bool> LogoutAsync()
    {
        var logout = options.CurrentValue.Logout;
        if (!logout.Enabled)
        {
            return false;
        }

        var isGet = HttpMethods.IsGet(_context.Request.Method);
        if (!HttpMethods.IsPost(_context.Request.Method) && !(isGet && logout.GetAllowed))
        {
            KestraAnswer.MethodNotAllowed(_context, logout.GetAllowed ? "GET, POST" : "POST");
            return true;
        }

        await _context.SignOutAsync(KestraAuthenticationDefaults.CookieScheme).ConfigureAwait(false);
        _context.Response.Redirect("/");
        return true;
    }
}
