using Kestra.Security.Oidc;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.DependencyInjection;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.State;
using Kestra.Security.Oidc.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // The Microsoft.Extensions convention: extension methods live in the DI namespace.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers Kestra.Security.Oidc in a host's service collection.</summary>
/// <example>
/// <code>
/// builder.Services.AddKestraOidc("application.yml");          // Kestra's own YAML, reloaded on change
/// // or builder.Services.AddKestraOidc(builder.Configuration); // appsettings.json / environment
/// …
/// var result = await app.Services.GetRequiredService&lt;IKestraOidcAuthenticator&gt;().AuthenticateAsync(idToken);
/// </code>
/// </example>
public static class KestraOidcServiceCollectionExtensions
{
    /// <summary>
    /// Reads Kestra's YAML file (Micronaut rules, placeholders, environment overrides). With
    /// <paramref name="reloadOnChange"/>, edits are applied when valid; a bad edit keeps the last good options and is logged.
    /// </summary>
    /// <exception cref="KestraConfigurationException">At start (when the options are first used or validated), if the file has errors.</exception>
    public static IServiceCollection AddKestraOidc(this IServiceCollection services, string yamlPath, bool reloadOnChange = true, KestraConfigurationLoadOptions? loadOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(yamlPath);
        services.TryAddSingleton(sp => new KestraYamlOptionsSource(yamlPath, loadOptions, sp.GetService<ILogger<KestraYamlOptionsSource>>(), reloadOnChange));
        services.AddSingleton<IConfigureOptions<KestraOidcOptions>>(sp => sp.GetRequiredService<KestraYamlOptionsSource>());
        services.AddSingleton<IOptionsChangeTokenSource<KestraOidcOptions>>(sp => sp.GetRequiredService<KestraYamlOptionsSource>());
        return services.AddKestraOidcCore();
    }

    /// <summary>
    /// Binds the <c>micronaut</c>, <c>kestra</c> and <c>kestra-security-oidc</c> sections of <paramref name="configuration"/>
    /// with the same rules as the YAML loader; reloads with the configuration.
    /// </summary>
    public static IServiceCollection AddKestraOidc(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IConfigureOptions<KestraOidcOptions>>(new ConfigureFromConfiguration(configuration));
        services.AddSingleton<IOptionsChangeTokenSource<KestraOidcOptions>>(new ConfigurationChangeTokenSource<KestraOidcOptions>(configuration));
        return services.AddKestraOidcCore();
    }

    /// <summary>Configures the options in code.</summary>
    public static IServiceCollection AddKestraOidc(this IServiceCollection services, Action<KestraOidcOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return services.AddKestraOidcCore();
    }

    private static IServiceCollection AddKestraOidcCore(this IServiceCollection services)
    {
        services.AddOptions<KestraOidcOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KestraOidcOptions>, KestraOidcOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(IssuerMetadataProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(IssuerMetadataProvider.CreatePrimaryHandler);
        services.TryAddSingleton<KestraOidcRuntime>();
        services.TryAddSingleton<ISessionRevocationStore, InMemorySessionRevocationStore>(); // replaced by AddKestraSharedState (ASP.NET Core package)
        services.TryAddSingleton<IReplayCache, InMemoryReplayCache>();
        services.TryAddSingleton<IKestraOidcAuthenticator>(sp => sp.GetRequiredService<KestraOidcRuntime>());
        services.TryAddTransient(sp => sp.GetRequiredService<KestraOidcRuntime>().Current.Resolver);
        services.TryAddTransient(sp => sp.GetRequiredService<KestraOidcRuntime>().Current.Validator);
        services.TryAddTransient(sp => sp.GetRequiredService<KestraOidcRuntime>().Current.AccessTokenValidator);
        services.TryAddTransient(sp => sp.GetRequiredService<KestraOidcRuntime>().Current.LogoutValidator);
        services.TryAddTransient(sp => sp.GetRequiredService<KestraOidcRuntime>().Current.Metadata);
        services.TryAddTransient(sp => sp.GetRequiredService<KestraOidcRuntime>().Current.Endpoints);
        return services;
    }

    private sealed class ConfigureFromConfiguration(IConfiguration configuration) : IConfigureOptions<KestraOidcOptions>
    {
        public void Configure(KestraOidcOptions options) =>
            KestraConfigurationBinder.Bind(configuration).GetOptionsOrThrow().CopyTo(options);
    }
}
