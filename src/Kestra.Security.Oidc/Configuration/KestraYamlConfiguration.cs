using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Configuration;

/// <summary>
/// Reads Kestra's own YAML (<c>application.yml</c>) as Micronaut does (SPEC §1.2): camelCase ≡ kebab-case ≡ snake_case
/// keys, dotted keys, flow and block lists, <c>${VAR:default}</c> placeholders and environment-variable overrides.
/// </summary>
/// <example>
/// <code>
/// var result = KestraYamlConfiguration.LoadFile("application.yml");
/// foreach (var d in result.Diagnostics) Console.Error.WriteLine(d);   // FILE:LINE:COL: key: message
/// KestraOidcOptions options = result.GetOptionsOrThrow();
/// </code>
/// </example>
public static class KestraYamlConfiguration
{
    /// <summary>Loads and validates a YAML file. A missing or unreadable file is an error diagnostic, not an exception.</summary>
    public static KestraConfigurationResult LoadFile(string path, KestraConfigurationLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var diagnostic = new ConfigurationDiagnostic(DiagnosticCodes.FileNotReadable, DiagnosticSeverity.Error,
                new SourceLocation(path, 0, 0), string.Empty, $"cannot read the file: {ex.Message}");
            return new KestraConfigurationResult(new KestraOidcOptions(), [diagnostic]);
        }

        return Parse(yaml, path, options);
    }

    /// <summary>Loads and validates YAML text; <paramref name="sourceName"/> names it in diagnostics.</summary>
    public static KestraConfigurationResult Parse(string yaml, string sourceName = "application.yml", KestraConfigurationLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var diagnostics = new List<ConfigurationDiagnostic>();
        var documents = YamlTreeReader.Read(yaml, sourceName, diagnostics);
        if (documents is null)
        {
            return new KestraConfigurationResult(new KestraOidcOptions(), diagnostics);
        }

        return ConfigurationPipeline.Run(documents, options, diagnostics);
    }
}
