using Kestra.Security.Oidc.AspNetCore;
using Kestra.Security.Oidc.AspNetCore.Authentication;
using Kestra.Security.Oidc.AspNetCore.Authorization;
using Kestra.Security.Oidc.AspNetCore.Claims;
using Kestra.Security.Oidc.AspNetCore.Routes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // The Microsoft.Extensions convention: extension methods live in the DI namespace.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Kestra's SSO on ASP.NET Core's own authentication handlers. Configure the library first with <c>AddKestraOidc(...)</c>.</summary>
public static class KestraAuthenticationBuilderExtensions
{
    /// <summary>
    /// ASP.NET Core's OpenIdConnect and Cookie handlers on Kestra's routes: <c>GET /oauth/login/{client}</c> starts the
    /// authorization-code flow with PKCE, <c>/oauth/callback/{client}</c> is its callback, <c>/oauth/logout</c> signs out here
    /// and at the provider (Keycloak 18+ end-session), <c>/logout</c> signs out here (<c>GET</c> only with
    /// <c>get-allowed: true</c>). Client id, secret, scopes and routes come from Kestra's YAML; metadata through the
    /// library's discovery; the ID token is checked by the library's validator. The session cookie is <c>.Kestra.Session</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="client">The client under <c>micronaut.security.oauth2.clients</c>; <see langword="null"/> for the only enabled one.</param>
    /// <param name="configure">Adjusts ASP.NET Core's options after the package set them (chain events rather than replacing them).</param>
    /// <example>
    /// <code>
    /// builder.Services.AddKestraOidc("application.yml");
    /// builder.Services.AddAuthentication().AddKestraOpenIdConnect();
    /// builder.Services.AddAuthorization();
    /// …
    /// app.MapGet("/me", (HttpContext http) => http.GetKestraResolution()!.Groups).RequireKestraPermission("FLOW", "READ");
    /// </code>
    /// </example>
    public static AuthenticationBuilder AddKestraOpenIdConnect(this AuthenticationBuilder builder, string? client = null, Action<OpenIdConnectOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (client is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(client);
        }

        var services = builder.Services;
        var registration = new KestraClientRegistration(client, KestraAuthenticationDefaults.OpenIdConnectSchemeFor(client));
        if (services.Any(d => d.ImplementationInstance is KestraClientRegistration r && r.Scheme == registration.Scheme))
        {
            throw new InvalidOperationException($"AddKestraOpenIdConnect({(client is null ? string.Empty : $"\"{client}\"")}) was called twice.");
        }

        var first = !services.Any(d => d.ImplementationInstance is KestraClientRegistration);
        services.AddSingleton(registration);
        AddShared(services);
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>>(sp => ActivatorUtilities.CreateInstance<KestraOpenIdConnectSetup>(sp, registration));
        services.AddSingleton<IOptionsChangeTokenSource<OpenIdConnectOptions>>(sp =>
            new KestraOptionsChangeTokenSource<OpenIdConnectOptions>(registration.Scheme, sp.GetRequiredService<IOptionsMonitor<Kestra.Security.Oidc.Configuration.KestraOidcOptions>>()));
        builder.AddOpenIdConnect(registration.Scheme, configure ?? (_ => { }));
        services.AddOptions<OpenIdConnectOptions>(registration.Scheme).ValidateOnStart(); // a wrong client name fails at start
        if (first)
        {
            services.TryAddSingleton<KestraClients>();
            services.TryAddSingleton<KestraRouteTable>();
            services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, KestraCookieSetup>();
            builder.AddCookie(KestraAuthenticationDefaults.CookieScheme);
            services.Configure<AuthenticationOptions>(o =>
            {
                o.AddScheme(KestraAuthenticationDefaults.RoutesScheme, s => s.HandlerType = typeof(KestraRoutesHandler));
                o.DefaultScheme ??= KestraAuthenticationDefaults.CookieScheme;
            });
        }

        return builder;
    }

    private static void AddShared(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, KestraPermissionHandler>());
        if (!services.Any(d => d.ServiceType == typeof(IClaimsTransformation) && d.ImplementationType == typeof(KestraClaimsTransformation)))
        {
            services.AddSingleton<IClaimsTransformation, KestraClaimsTransformation>();
        }
    }
}
