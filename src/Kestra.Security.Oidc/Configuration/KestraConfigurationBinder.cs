using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// Binds the same model from <see cref="IConfiguration"/> (appsettings.json, environment variables, …) with the same
/// rules and checks as <see cref="KestraYamlConfiguration"/>: <c>micronaut:security:oauth2:clients:keycloak:client-id</c>.
/// </summary>
public static class KestraConfigurationBinder
{
    /// <summary>Binds and validates the configuration's <c>micronaut</c>, <c>kestra</c> and <c>kestra-security-oidc</c> sections.</summary>
    public static KestraConfigurationResult Bind(IConfiguration configuration, KestraConfigurationLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var diagnostics = new List<ConfigurationDiagnostic>();
        return ConfigurationPipeline.Run([ConfigurationTreeReader.Read(configuration)], options, diagnostics);
    }
}
