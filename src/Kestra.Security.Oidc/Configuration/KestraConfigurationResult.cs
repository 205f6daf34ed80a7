namespace Kestra.Security.Oidc.Configuration;

/// <summary>The outcome of loading a Kestra configuration: the options and every diagnostic, errors and warnings.</summary>
public sealed class KestraConfigurationResult
{
    internal KestraConfigurationResult(KestraOidcOptions options, IReadOnlyList<ConfigurationDiagnostic> diagnostics)
    {
        Options = options;
        Diagnostics = diagnostics;
    }

    /// <summary>The options as far as they could be read. Do not use them when <see cref="IsValid"/> is false.</summary>
    public KestraOidcOptions Options { get; }

    /// <summary>All problems found, sorted by file, line and column.</summary>
    public IReadOnlyList<ConfigurationDiagnostic> Diagnostics { get; }

    /// <summary>The errors only.</summary>
    public IEnumerable<ConfigurationDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The warnings only.</summary>
    public IEnumerable<ConfigurationDiagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>Whether the configuration has no errors (it may have warnings).</summary>
    public bool IsValid => !Errors.Any();

    /// <summary>Returns the options, or throws <see cref="KestraConfigurationException"/> listing every error.</summary>
    public KestraOidcOptions GetOptionsOrThrow() => IsValid ? Options : throw new KestraConfigurationException(Errors.ToList());
}
