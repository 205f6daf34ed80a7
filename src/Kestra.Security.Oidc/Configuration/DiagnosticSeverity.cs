namespace Kestra.Security.Oidc.Configuration;

/// <summary>How serious a configuration diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The configuration loads, but probably not as the operator meant.</summary>
    Warning,

    /// <summary>The configuration cannot be used.</summary>
    Error,
}
