namespace Kestra.Security.Oidc.Configuration;

/// <summary>How a Kestra configuration is loaded: where placeholders and overrides read environment variables from.</summary>
public sealed class KestraConfigurationLoadOptions
{
    internal static KestraConfigurationLoadOptions Default { get; } = new();

    /// <summary>
    /// The environment variables for <c>${NAME}</c> placeholders and Micronaut-style overrides
    /// (<c>MICRONAUT_SECURITY_OAUTH2_CLIENTS_KEYCLOAK_CLIENT_SECRET</c>). Null (the default) reads the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>Whether environment variables override keys, as in Micronaut. Default <see langword="true"/>.</summary>
    public bool ApplyEnvironmentOverrides { get; init; } = true;
}
