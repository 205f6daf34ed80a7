namespace Kestra.Security.Oidc.Configuration;

/// <summary>Thrown when a Kestra configuration has errors; <see cref="Errors"/> lists all of them with their positions.</summary>
public sealed class KestraConfigurationException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public KestraConfigurationException(IReadOnlyList<ConfigurationDiagnostic> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public KestraConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public KestraConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an empty exception.</summary>
    public KestraConfigurationException()
        : this("the Kestra SSO configuration is invalid")
    {
    }

    /// <summary>Every error, as <c>FILE:LINE:COL: key: message</c> when rendered.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigurationDiagnostic> errors) =>
        $"the Kestra SSO configuration has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
