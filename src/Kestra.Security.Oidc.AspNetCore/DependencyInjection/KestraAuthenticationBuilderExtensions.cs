using Kestra.Security.Oidc.AspNetCore;
using Kestra.Security.Oidc.AspNetCore.Authentication;
using Kestra.Security.Oidc.AspNetCore.Authorization;
using Kestra.Security.Oidc.AspNetCore.Claims;
using Kestra.Security.Oidc.AspNetCore.Routes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
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
            services.Configure<AuthenticationOptions>(o => o.AddScheme(KestraAuthenticationDefaults.RoutesScheme, s => s.HandlerType = typeof(KestraRoutesHandler)));
        }

        AddPolicySchemeWhenBoth(builder);
        return builder;
    }

    /// <summary>
    /// ASP.NET Core's JwtBearer handler with token validation by the library's access-token profile (Keycloak <c>typ: Bearer</c>
    /// and RFC 9068 <c>at+jwt</c>, audiences from <c>kestra-security-oidc.access-token.audiences</c>; introspection for opaque or
    /// lightweight tokens when configured), metadata and keys through the library's discovery. Its events, challenges and
    /// RFC 6750 answers work as usual: a rejected token gets <c>401</c> with
    /// <c>WWW-Authenticate: Bearer error="invalid_token", error_description="…"</c> whose text starts with the failed check's code (<c>KSO52nn</c>).
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name (<c>Bearer</c>).</param>
    /// <param name="client">The client under <c>micronaut.security.oauth2.clients</c>; <see langword="null"/>: the token's issuer picks it.</param>
    /// <param name="configure">Adjusts ASP.NET Core's options after the package set them (chain events rather than replacing them).</param>
    /// <example>
    /// <code>
    /// builder.Services.AddKestraOidc("application.yml");
    /// builder.Services.AddAuthentication().AddKestraJwtBearer();
    /// builder.Services.AddAuthorization();
    /// …
    /// app.MapGet("/api/v1/flows/{namespace}", …).RequireKestraPermission("FLOW", "READ", "namespace");
    /// </code>
    /// </example>
    public static AuthenticationBuilder AddKestraJwtBearer(this AuthenticationBuilder builder, string authenticationScheme = JwtBearerDefaults.AuthenticationScheme, string? client = null, Action<JwtBearerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationScheme);
        if (client is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(client);
        }

        var services = builder.Services;
        var registration = new KestraBearerRegistration(authenticationScheme, client);
        services.AddSingleton(registration);
        AddShared(services);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>>(sp => ActivatorUtilities.CreateInstance<KestraJwtBearerSetup>(sp, registration));
        builder.AddJwtBearer(authenticationScheme, configure ?? (_ => { }));
        AddPolicySchemeWhenBoth(builder);
        return builder;
    }

    /// <summary>With a bearer scheme and the cookie session, the default scheme picks one per request (<see cref="KestraSchemeSelector"/>).</summary>
    private static void AddPolicySchemeWhenBoth(AuthenticationBuilder builder)
    {
        var services = builder.Services;
        var bearer = services.Select(d => d.ImplementationInstance).OfType<KestraBearerRegistration>().FirstOrDefault();
        var cookie = services.Any(d => d.ImplementationInstance is KestraClientRegistration);
        if (services.Any(d => d.ImplementationInstance is PolicySchemeMarker))
        {
            return;
        }

        if (bearer is not null && cookie)
        {
            services.AddSingleton(new PolicySchemeMarker());
            builder.AddPolicyScheme(KestraAuthenticationDefaults.PolicyScheme, "Kestra", o => o.ForwardDefaultSelector = KestraSchemeSelector.For(bearer.Scheme));
            services.Configure<AuthenticationOptions>(o => o.DefaultScheme ??= KestraAuthenticationDefaults.PolicyScheme);
        }
        else
        {
            var single = cookie ? KestraAuthenticationDefaults.CookieScheme : bearer!.Scheme;
            services.PostConfigure<AuthenticationOptions>(o =>
            {
                if (o.DefaultScheme is null && o.Schemes.All(s => s.Name != KestraAuthenticationDefaults.PolicyScheme))
                {
                    o.DefaultScheme = single;
                }
            });
        }
    }

    private sealed class PolicySchemeMarker;

    private static void AddShared(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, KestraPermissionHandler>());
        if (!services.Any(d => d.ServiceType == typeof(IClaimsTransformation) && d.ImplementationType == typeof(KestraClaimsTransformation)))
        {
            services.AddSingleton<IClaimsTransformation, KestraClaimsTransformation>();
        }
    }
}
