namespace Kestra.Security.Oidc.Configuration;

/// <summary>One problem found while loading a Kestra SSO configuration.</summary>
/// <param name="Code">A stable code such as <c>KSO1008</c>.</param>
/// <param name="Severity">Whether the configuration is still usable.</param>
/// <param name="Location">Where the offending key or value is.</param>
/// <param name="Key">The full, normalised key path, e.g. <c>micronaut.security.oauth2.clients.keycloak.client-id</c>.</param>
/// <param name="Message">What is wrong and how to fix it. Never contains a secret.</param>
public sealed record ConfigurationDiagnostic(
    string Code,
    DiagnosticSeverity Severity,
    SourceLocation Location,
    string Key,
    string Message)
{
    /// <summary>Renders the diagnostic as <c>FILE:LINE:COL: key: message</c>.</summary>
    public override string ToString()
    {
        var level = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var key = Key.Length == 0 ? "(document)" : Key;
        return $"{Location}: {key}: {level} {Code}: {Message}";
    }
}
