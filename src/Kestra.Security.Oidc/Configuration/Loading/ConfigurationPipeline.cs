using System.Text.RegularExpressions;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>
/// The one path every source goes through: tree → normalised keys → environment overrides → placeholders →
/// template check → options → validation. YAML and IConfiguration therefore give equal options and equal errors.
/// </summary>
internal static partial class ConfigurationPipeline
{
    public static KestraConfigurationResult Run(
        IEnumerable<ConfigNode> documents,
        KestraConfigurationLoadOptions? loadOptions,
        List<ConfigurationDiagnostic> diagnostics)
    {
        loadOptions ??= KestraConfigurationLoadOptions.Default;
        var environment = loadOptions.EnvironmentVariables ?? ReadProcessEnvironment();
        var flattener = new ConfigFlattener(diagnostics);
        foreach (var document in documents)
        {
            flattener.AddDocument(document);
        }

        if (loadOptions.ApplyEnvironmentOverrides)
        {
            EnvironmentOverrides.Apply(flattener.Entries, environment);
        }

        var failed = new HashSet<string>(flattener.Failed, StringComparer.Ordinal);
        var resolved = ResolvePlaceholders(flattener.Entries, name => environment.GetValueOrDefault(name), diagnostics, failed);
        var builder = new OptionsBuilder(resolved, flattener.Sections, diagnostics);
        var options = builder.Build();
        failed.UnionWith(builder.Failed);
        diagnostics.AddRange(KestraOidcOptionsValidator.Validate(options, key => builder.Locations.TryGetValue(key, out var l) ? l : null, failed));
        return new KestraConfigurationResult(options, Sort(diagnostics));
    }

    private static Dictionary<string, FlatEntry> ResolvePlaceholders(
        Dictionary<string, FlatEntry> entries,
        Func<string, string?> environment,
        List<ConfigurationDiagnostic> diagnostics,
        HashSet<string> failed)
    {
        var resolver = new PlaceholderResolver(entries, environment, diagnostics);
        var result = new Dictionary<string, FlatEntry>(StringComparer.Ordinal);
        foreach (var (path, entry) in entries)
        {
            var items = new List<FlatScalar>(entry.Value.Items.Count);
            foreach (var item in entry.Value.Items)
            {
                var text = item.Text is null ? null : resolver.Resolve(item.Text, path, item.Location, entry.Secret);
                if (item.Text is not null && text is null)
                {
                    failed.Add(path);
                }
                else if (text is not null && TemplateMarker().Match(text) is { Success: true } template)
                {
                    failed.Add(path);
                    text = null;
                    diagnostics.Add(new ConfigurationDiagnostic(DiagnosticCodes.UnfilledTemplate, DiagnosticSeverity.Error, item.Location, path,
                        $"still holds the template '{template.Value}' from Kestra's documentation; {TemplateHint(path)}"));
                }

                items.Add(item with { Text = text });
            }

            result[path] = entry with { Value = entry.Value with { Items = items } };
        }

        return result;
    }

    private static string TemplateHint(string path) => path switch
    {
        _ when path.EndsWith(".client-id", StringComparison.Ordinal) => "replace it with the Client ID from Keycloak (Clients → your client → Settings)",
        _ when path.EndsWith(".client-secret", StringComparison.Ordinal) => "replace it with the client secret from Keycloak (Clients → your client → Credentials), ideally as ${KEYCLOAK_CLIENT_SECRET}",
        _ when path.EndsWith(".issuer", StringComparison.Ordinal) => "replace it with your Keycloak server and realm, e.g. http://localhost:8088/realms/kestra",
        _ => "replace it with the real value",
    };

    private static List<ConfigurationDiagnostic> Sort(List<ConfigurationDiagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location.Source, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Key, StringComparer.Ordinal)
            .ToList();

    private static Dictionary<string, string?> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            result[(string)variable.Key] = variable.Value as string;
        }

        return result;
    }

    [GeneratedRegex(@"\{\{\s*[^{}]*\}\}")]
    private static partial Regex TemplateMarker();
}
