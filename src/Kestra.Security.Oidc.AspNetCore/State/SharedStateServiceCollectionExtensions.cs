using Kestra.Security.Oidc.AspNetCore.Logout;
using Kestra.Security.Oidc.AspNetCore.State;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // The Microsoft.Extensions convention: extension methods live in the DI namespace.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the state shared between instances of a service (SPEC §9).</summary>
public static class SharedStateServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the core's in-memory <see cref="ISessionRevocationStore"/> and <see cref="IReplayCache"/> with the ones
    /// <c>kestra-security-oidc.shared-cache</c> asks for (Redis when <c>redis: HOST:PORT</c> is set), connected when the
    /// host starts; registers the library's <see cref="IDistributedCache"/> under <see cref="SharedStateKeys.DistributedCache"/>.
    /// A store the host registered itself is kept. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddKestraSharedState(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(SharedStateHost)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SharedStateHost(
            sp.GetRequiredService<IOptionsMonitor<KestraOidcOptions>>().CurrentValue.Extensions.SharedCache,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SharedStateHostedService>();
        ReplaceDefault<ISessionRevocationStore, InMemorySessionRevocationStore>(services, sp => sp.GetRequiredService<SharedStateHost>().Revocations);
        ReplaceDefault<IReplayCache, InMemoryReplayCache>(services, sp => sp.GetRequiredService<SharedStateHost>().ReplayCache);
        services.TryAddKeyedSingleton(SharedStateKeys.DistributedCache, (sp, _) => sp.GetRequiredService<SharedStateHost>().DistributedCache);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<CookieAuthenticationOptions>, RevokedSessionCookieCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, RevokedTokenBearerCheck>());
        return services;
    }

    private static void ReplaceDefault<TService, TDefault>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(TService) && !descriptor.IsKeyedService && descriptor.ImplementationType == typeof(TDefault))
            {
                services.RemoveAt(i);
            }
        }

        services.TryAddSingleton(factory);
    }
}
