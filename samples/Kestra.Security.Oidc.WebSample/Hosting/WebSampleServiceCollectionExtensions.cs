using System.Net;
using Kestra.Security.Oidc.Configuration;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Hosting;

internal static class WebSampleServiceCollectionExtensions
{
    public static IServiceCollection AddWebSample(this IServiceCollection services, SampleSettings settings)
    {
        services.AddSingleton(settings);

        // Kestrel listens on 127.0.0.1 at the port of kestra.url: the YAML is the only source of the address.
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptionsMonitor<KestraOidcOptions>>((kestrel, kestra) =>
                kestrel.Listen(IPAddress.Loopback, LoopbackAddress.PortOf(kestra.CurrentValue)));

        // Kestra's SSO routes, the session cookie and the claims transformation: all from the package.
        services.AddAuthentication().AddKestraOpenIdConnect(configure: AllowFormPost);
        services.AddAuthorization();

        if (settings.ExitOnStdinClose)
        {
            services.AddHostedService<StdinWatcher>();
        }

        return services;
    }

    /// <summary>A sample extra, not a Kestra key: <c>/oauth/login/{provider}?response_mode=form_post</c> asks the provider to POST the callback.</summary>
    private static void AllowFormPost(OpenIdConnectOptions options)
    {
        var kestra = options.Events.OnRedirectToIdentityProvider;
        options.Events.OnRedirectToIdentityProvider = async context =>
        {
            await kestra(context);
            if (context.Request.Query["response_mode"] == "form_post")
            {
                context.ProtocolMessage.ResponseMode = "form_post";
            }
        };
    }
}
