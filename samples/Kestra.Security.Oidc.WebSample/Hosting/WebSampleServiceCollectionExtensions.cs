using System.Net;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.WebSample.Oidc;
using Kestra.Security.Oidc.WebSample.Routes;
using Kestra.Security.Oidc.WebSample.Session;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Hosting;

internal static class WebSampleServiceCollectionExtensions
{
    /// <summary>Name of the HTTP client that calls the token endpoint (no redirects followed).</summary>
    public const string TokenClientName = "Kestra.Security.Oidc.WebSample.Token";

    public static IServiceCollection AddWebSample(this IServiceCollection services, SampleSettings settings)
    {
        services.AddSingleton(settings);

        // Kestrel listens on 127.0.0.1 at the port of kestra.url: the YAML is the only source of the address.
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptionsMonitor<KestraOidcOptions>>((kestrel, kestra) =>
                kestrel.Listen(IPAddress.Loopback, LoopbackAddress.PortOf(kestra.CurrentValue)));

        services.AddSingleton<KestraRoutes>();
        services.AddSingleton<AuthorizationStateStore>();
        services.AddSingleton<TokenClient>();
        services.AddHttpClient(TokenClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = ".Kestra.Session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = false;
                options.EventsType = typeof(SessionCookieEvents);
            });
        services.AddSingleton<SessionCookieEvents>();
        services.AddAuthorization();

        if (settings.ExitOnStdinClose)
        {
            services.AddHostedService<StdinWatcher>();
        }

        return services;
    }
}
