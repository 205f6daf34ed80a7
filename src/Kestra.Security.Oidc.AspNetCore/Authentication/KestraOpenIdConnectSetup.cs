using Kestra.Security.Oidc.AspNetCore.Diagnostics;
using Kestra.Security.Oidc.AspNetCore.Routes;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// Configures one OpenIdConnect scheme from Kestra's options: the client's id, secret and scopes, the code flow with PKCE
/// on Kestra's callback route, metadata through the library's discovery, the ID token through the library's validator,
/// Keycloak 18+ end-session, and plain answers instead of exceptions when a login fails.
/// </summary>
internal sealed class KestraOpenIdConnectSetup(
    KestraClientRegistration registration,
    KestraClients clients,
    IOptionsMonitor<KestraOidcOptions> kestra,
    IServiceProvider services,
    ILoggerFactory loggers) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    private const string CorrelationCookie = ".Kestra.Oidc.Correlation.";
    private const string NonceCookie = ".Kestra.Oidc.Nonce.";
    private readonly ILogger _logger = loggers.CreateLogger("Kestra.Security.Oidc.AspNetCore.OpenIdConnect");

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != registration.Scheme)
        {
            return;
        }

        var current = kestra.CurrentValue;
        var client = clients.ClientOf(registration);
        if (!current.Clients.TryGetValue(client, out var settings))
        {
            throw new InvalidOperationException(
                $"{AspNetCoreCodes.NoClient}: AddKestraOpenIdConnect(\"{client}\"): no client '{client}' under 'micronaut.security.oauth2.clients'; configured: {string.Join(", ", current.Clients.Keys)}");
        }

        options.SignInScheme = KestraAuthenticationDefaults.CookieScheme;
        options.SignOutScheme = KestraAuthenticationDefaults.CookieScheme;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.Scope.Clear();
        foreach (var scope in settings.Scopes.Prepend(OpenIdConnectScope.OpenId).Distinct(StringComparer.Ordinal))
        {
            options.Scope.Add(scope);
        }

        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        options.DisableTelemetry = true;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = true;
        options.CallbackPath = new PathString(KestraRoute.Parse(current.CallbackUri).PathFor(client));
        options.SignedOutCallbackPath = PathString.Empty;
        options.RemoteSignOutPath = PathString.Empty;
        options.ConfigurationManager = new KestraConfigurationManager(services, () => client);
        options.UseSecurityTokenValidator = false;
        options.ProtocolValidator = new KestraProtocolValidator();
        options.TokenHandler = new KestraIdTokenHandler(services, () => client);
        options.TokenValidationParameters.NameClaimType = KestraTokenIdentity.NameType;
        options.TokenValidationParameters.RoleClaimType = KestraClaimTypes.Role;
        options.TokenValidationParameters.AuthenticationType = registration.Scheme;
        options.BackchannelHttpHandler = IssuerMetadataProvider.CreatePrimaryHandler();
        options.BackchannelTimeout = current.Extensions.Discovery.Timeout;
        foreach (var (cookie, prefix) in new[] { (options.CorrelationCookie, CorrelationCookie), (options.NonceCookie, NonceCookie) })
        {
            // Lax, not ASP.NET Core's None: browsers drop SameSite=None cookies without Secure, and Kestra may run on plain HTTP.
            cookie.Name = prefix;
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            cookie.HttpOnly = true;
        }

        var events = options.Events;
        events.OnRedirectToIdentityProvider = context => RedirectToProvider(context, client);
        events.OnRedirectToIdentityProviderForSignOut = context => RedirectToProviderForSignOut(context, settings);
        events.OnTicketReceived = context => TicketReceived(context, client);
        events.OnRemoteFailure = context => RemoteFailure(context, name);
    }

    private Task RedirectToProvider(RedirectContext context, string client)
    {
        // The redirect URI comes from kestra.url (as Kestra builds it), not from the Host header of the request.
        if (Endpoints() is { } endpoints && TryBuild(() => endpoints.RedirectUri(client)) is { } redirect)
        {
            context.ProtocolMessage.RedirectUri = redirect.AbsoluteUri;
        }

        return Task.CompletedTask;
    }

    private Task RedirectToProviderForSignOut(RedirectContext context, OidcClientOptions settings)
    {
        var message = context.ProtocolMessage;
        message.ClientId = settings.ClientId;
        message.PostLogoutRedirectUri = Endpoints() is { } endpoints && TryBuild(endpoints.PostLogoutRedirectUri) is { } post
            ? post.AbsoluteUri
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{kestra.CurrentValue.EndSessionRedirectUri}";
        return Task.CompletedTask;
    }

    private async Task TicketReceived(TicketReceivedContext context, string client)
    {
        // Keep only the ID token (id_token_hint at logout); access and refresh tokens never go into the cookie.
        if (context.Properties is { } properties)
        {
            var idToken = properties.GetTokenValue(OpenIdConnectParameterNames.IdToken);
            properties.StoreTokens(idToken is null ? [] : [new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }

        if (context.Principal?.Identities.OfType<KestraTokenIdentity>().FirstOrDefault() is { } identity)
        {
            var resolution = services.GetRequiredService<KestraRoleResolver>().Resolve(identity.PayloadUtf8.Span, client);
            if (resolution.Refusal is { } refusal)
            {
                // require-groups: no session for a user without groups.
                context.HandleResponse();
                AspNetCoreLog.LoginRefused(_logger, client, refusal.Code, refusal.Message);
                await KestraAnswer.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, refusal.Code, "Login refused", refusal.Message).ConfigureAwait(false);
                return;
            }

            AspNetCoreLog.SignedIn(_logger, resolution.PreferredUsername ?? resolution.Subject, client, context.Request.Method, resolution.SourceName);
        }
    }

    private Task RemoteFailure(RemoteFailureContext context, string? scheme)
    {
        context.HandleResponse();
        var failure = context.Failure;
        var (status, code, detail) = failure switch
        {
            OpenIdConnectProtocolException p when p.Data["error"] is string error =>
                (StatusCodes.Status401Unauthorized, AspNetCoreCodes.ProviderError, $"the provider answered '{error}': {p.Data["error_description"] as string}"),
            SecurityTokenException t => (StatusCodes.Status401Unauthorized, AspNetCoreCodes.LoginFailed, t.Message),
            DiscoveryException d => (StatusCodes.Status502BadGateway, AspNetCoreCodes.ProviderUnreachable, d.Message),
            HttpRequestException or TaskCanceledException => (StatusCodes.Status502BadGateway, AspNetCoreCodes.ProviderUnreachable, "the provider's token endpoint could not be reached"),
            _ when IsStateFailure(failure) => (StatusCodes.Status400BadRequest, AspNetCoreCodes.UnknownState, "Unknown or expired state: start again from the login page."),
            _ => (StatusCodes.Status400BadRequest, AspNetCoreCodes.LoginFailed, failure?.Message ?? "the login could not be completed"),
        };
        AspNetCoreLog.LoginFailed(_logger, scheme ?? registration.Scheme, code, detail);
        return KestraAnswer.WriteAsync(context.HttpContext, status, code, "Login failed", detail);
    }

    private static bool IsStateFailure(Exception? failure) =>
        failure?.Message is { } m
        && (m.Contains("message.State", StringComparison.Ordinal) || m.Contains("Correlation failed", StringComparison.Ordinal));

    private KestraEndpoints? Endpoints() => services.GetService<KestraEndpoints>();

    private static Uri? TryBuild(Func<Uri> build)
    {
        try
        {
            return build();
        }
        catch (KestraConfigurationException)
        {
            return null; // kestra.url not set: the handler's own URI from the request
        }
    }
}
