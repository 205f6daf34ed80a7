using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>
/// Walks configuration trees against <see cref="ConfigSchema"/> and produces normalised key paths
/// (<c>micronaut.security.oauth2.clients.keycloak.client-id</c>), reporting unknown and misplaced keys.
/// </summary>
internal sealed class ConfigFlattener(List<ConfigurationDiagnostic> diagnostics)
{
    private const string MisplacedEndpointsPrefix = "micronaut.security.oauth2.endpoints";

    private int _document;

    public Dictionary<string, FlatEntry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each section (a client, a role) was first written, for errors about keys that are missing from it.</summary>
    public Dictionary<string, SourceLocation> Sections { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys already reported as having the wrong shape; later checks do not report them again.</summary>
    public HashSet<string> Failed { get; } = new(StringComparer.Ordinal);

    public void AddDocument(ConfigNode document)
    {
        if (document is ConfigMapping mapping)
        {
            WalkMapping(mapping, ConfigSchema.Root, string.Empty);
        }
        else if (document is not ConfigScalar { Value: null })
        {
            Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, document.Location, string.Empty,
                "the document must be a mapping of keys (such as 'micronaut:' and 'kestra:')");
        }

        _document++;
    }

    private void WalkMapping(ConfigMapping mapping, ConfigSchema schema, string prefix)
    {
        var lastIndexOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mapping.Entries.Count; i++)
        {
            lastIndexOfKey[mapping.Entries[i].Key] = i;
        }

        for (var i = 0; i < mapping.Entries.Count; i++)
        {
            var entry = mapping.Entries[i];
            var last = lastIndexOfKey[entry.Key];
            if (last != i)
            {
                // SnakeYAML (Micronaut's parser) keeps the last of duplicate keys and drops the earlier value whole.
                var winner = mapping.Entries[last];
                Report(DiagnosticCodes.DuplicateKey, DiagnosticSeverity.Warning, entry.KeyLocation, Join(prefix, entry.Key),
                    $"duplicate key '{entry.Key}': it appears again at line {winner.KeyLocation.Line}, and YAML (like Micronaut) keeps only the last one, so everything under this one is ignored; merge the two into one block");
                continue;
            }

            WalkEntry(entry, schema, prefix);
        }
    }

    private void WalkEntry(ConfigMappingEntry entry, ConfigSchema schema, string prefix)
    {
        var segments = entry.Key.Split('.');
        var path = prefix;
        var current = schema;
        foreach (var raw in segments)
        {
            // Names the operator chooses (clients, roles, permissions) are kept as written; Micronaut keys are normalised.
            var segment = current.Kind == SchemaKind.Map ? raw.Trim() : KeyNormalizer.Normalize(raw.Trim());
            var parentPath = path;
            path = Join(path, segment);
            if (path.StartsWith(MisplacedEndpointsPrefix, StringComparison.Ordinal))
            {
                ReportMisplacedEndpoints(entry.Value, path, entry.KeyLocation);
                return;
            }

            switch (current.Kind)
            {
                case SchemaKind.Section when current.Children.TryGetValue(segment, out var child):
                    current = child;
                    break;
                case SchemaKind.Section:
                    ReportUnknownKey(current, segment, parentPath, path, entry.KeyLocation);
                    return;
                case SchemaKind.Map:
                    current = current.Item!;
                    break;
                default:
                    Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, entry.KeyLocation, path,
                        $"'{parentPath}' holds a value, not keys");
                    return;
            }
        }

        Bind(entry.Value, current, path, entry.KeyLocation);
    }

    private void Bind(ConfigNode value, ConfigSchema schema, string path, SourceLocation keyLocation)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Section or SchemaKind.Map when value is ConfigMapping mapping:
                Sections.TryAdd(path, keyLocation);
                WalkMapping(mapping, schema, path);
                break;
            case SchemaKind.Section or SchemaKind.Map or SchemaKind.SectionList when value is ConfigScalar { Value: null }:
                break;
            case SchemaKind.Section or SchemaKind.Map when schema.Open:
                break;
            case SchemaKind.Section or SchemaKind.Map:
                Failed.Add(path);
                Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, value.Location, path,
                    $"expected a section of keys here, found {Describe(value)}");
                break;
            case SchemaKind.SectionList when value is ConfigSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var itemPath = $"{path}[{i}]";
                    if (sequence.Items[i] is ConfigMapping itemMapping)
                    {
                        Sections.TryAdd(itemPath, itemMapping.Location);
                        WalkMapping(itemMapping, schema.Item!, itemPath);
                    }
                    else
                    {
                        Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, sequence.Items[i].Location, itemPath,
                            $"expected a section of keys here, found {Describe(sequence.Items[i])}");
                    }
                }

                Store(path, keyLocation, new FlatValue([new FlatScalar(sequence.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), value.Location)], IsList: false), schema);
                break;
            case SchemaKind.SectionList:
                Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, value.Location, path,
                    $"expected a list of sections here, found {Describe(value)}");
                break;
            case SchemaKind.List when value is ConfigSequence sequence:
                var items = new List<FlatScalar>(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    if (item is ConfigScalar scalar)
                    {
                        items.Add(new FlatScalar(scalar.Value, scalar.Location));
                    }
                    else
                    {
                        Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, item.Location, path,
                            $"expected a list of values, but an item is {Describe(item)}");
                    }
                }

                Store(path, keyLocation, new FlatValue(items, IsList: true), schema);
                break;
            case SchemaKind.List when value is ConfigScalar scalar:
                Store(path, keyLocation, SplitCommaList(scalar), schema);
                break;
            case SchemaKind.Value when value is ConfigScalar scalar:
                Store(path, keyLocation, new FlatValue([new FlatScalar(scalar.Value, scalar.Location)], IsList: false), schema);
                break;
            default:
                Failed.Add(path);
                Report(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, value.Location, path,
                    $"expected {(schema.Kind == SchemaKind.List ? "a list of values" : "a single value")} here, found {Describe(value)}");
                break;
        }
    }

    /// <summary>Micronaut converts a comma-separated string to a list.</summary>
    private static FlatValue SplitCommaList(ConfigScalar scalar)
    {
        if (scalar.Value is null)
        {
            return new FlatValue([], IsList: true);
        }

        var items = scalar.Value
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(text => new FlatScalar(text, scalar.Location))
            .ToList();
        return new FlatValue(items, IsList: true);
    }

    private void Store(string path, SourceLocation keyLocation, FlatValue value, ConfigSchema schema)
    {
        if (Entries.TryGetValue(path, out var existing) && existing.Document == _document)
        {
            Report(DiagnosticCodes.DuplicateKey, DiagnosticSeverity.Warning, keyLocation, path,
                $"'{path}' is also set at line {existing.KeyLocation.Line} (another spelling of the same key); this one wins");
        }

        Entries[path] = new FlatEntry(path, keyLocation, value, schema.Secret, _document);
    }

    private void ReportMisplacedEndpoints(ConfigNode value, string path, SourceLocation location)
    {
        if (value is ConfigMapping mapping)
        {
            foreach (var child in mapping.Entries)
            {
                ReportMisplacedEndpoints(child.Value, Join(path, KeyNormalizer.NormalizePath(child.Key)), child.KeyLocation);
            }

            return;
        }

        var right = "micronaut.security.endpoints" + path[MisplacedEndpointsPrefix.Length..];
        Report(DiagnosticCodes.MisplacedEndpoints, DiagnosticSeverity.Warning, location, path,
            $"'{path}' has no effect: 'endpoints:' is indented under 'oauth2:' (as in the second block of Kestra's Keycloak guide); it belongs at '{right}', so move 'endpoints:' up one level, beside 'oauth2:'");
    }

    private void ReportUnknownKey(ConfigSchema section, string segment, string sectionPath, string path, SourceLocation location)
    {
        var suggestion = FuzzyMatch.Closest(segment, section.Children.Keys);
        if (section.Open && suggestion is null)
        {
            return; // A key of Micronaut's or Kestra's that this library does not read.
        }

        var where = sectionPath.Length == 0 ? "at the top level" : $"under '{sectionPath}'";
        var message = suggestion is not null
            ? $"unknown key '{segment}' {where}; did you mean '{suggestion}'?"
            : $"unknown key '{segment}' {where}; known keys: {string.Join(", ", section.Children.Keys.Order(StringComparer.Ordinal))}";
        Report(DiagnosticCodes.UnknownKey, DiagnosticSeverity.Warning, location, path, message);
    }

    private static string Describe(ConfigNode node) => node switch
    {
        ConfigMapping => "a section of keys",
        ConfigSequence => "a list",
        ConfigScalar { Value: null } => "nothing",
        _ => "a single value",
    };

    private static string Join(string prefix, string segment) => prefix.Length == 0 ? segment : $"{prefix}.{segment}";

    private void Report(string code, DiagnosticSeverity severity, SourceLocation location, string key, string message) =>
        diagnostics.Add(new ConfigurationDiagnostic(code, severity, location, key, message));
}
