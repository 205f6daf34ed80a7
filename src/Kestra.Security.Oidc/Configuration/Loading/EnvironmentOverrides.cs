using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>
/// Micronaut's environment-variable overrides: <c>MICRONAUT_SECURITY_OAUTH2_CLIENTS_KEYCLOAK_CLIENT_SECRET</c> sets
/// <c>micronaut.security.oauth2.clients.keycloak.client-secret</c>; each <c>_</c> may stand for <c>.</c> or <c>-</c>.
/// Only variables that match a key the library reads are applied.
/// </summary>
internal static class EnvironmentOverrides
{
    private static readonly string[] s_prefixes = ["MICRONAUT_SECURITY_", "KESTRA_", "KESTRA_SECURITY_OIDC_"];

    public static void Apply(Dictionary<string, FlatEntry> entries, IEnumerable<KeyValuePair<string, string?>> variables)
    {
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(value) || !s_prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var tokens = name.ToLowerInvariant().Split('_');
            if (Match(ConfigSchema.Root, tokens, 0, string.Empty, entries) is not var (path, schema))
            {
                continue;
            }

            var location = new SourceLocation($"environment variable {name}", 0, 0);
            var flat = schema.Kind == SchemaKind.List
                ? new FlatValue(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => new FlatScalar(v, location)).ToList(), IsList: true)
                : new FlatValue([new FlatScalar(value, location)], IsList: false);
            entries[path] = new FlatEntry(path, location, flat, schema.Secret, int.MaxValue);
        }
    }

    private static (string Path, ConfigSchema Schema)? Match(ConfigSchema schema, string[] tokens, int index, string prefix, Dictionary<string, FlatEntry> entries)
    {
        if (index == tokens.Length)
        {
            return schema.Kind is SchemaKind.Value or SchemaKind.List ? (prefix, schema) : null;
        }

        switch (schema.Kind)
        {
            case SchemaKind.Section:
                for (var take = 1; index + take <= tokens.Length; take++)
                {
                    var key = string.Join('-', tokens, index, take);
                    if (schema.Children.TryGetValue(key, out var child)
                        && Match(child, tokens, index + take, Join(prefix, key), entries) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case SchemaKind.Map:
                // Prefer names the configuration already has (a client called 'my-keycloak' or 'myKeycloak'), then one token.
                var existing = entries.Keys
                    .Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal))
                    .Select(k => k[(prefix.Length + 1)..].Split('.')[0])
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                for (var take = 1; index + take <= tokens.Length; take++)
                {
                    var key = string.Join('-', tokens, index, take);
                    foreach (var name in existing.Where(n => KeyNormalizer.Normalize(n) == key || KestraNameEquals(n, key)))
                    {
                        if (Match(schema.Item!, tokens, index + take, Join(prefix, name), entries) is { } found)
                        {
                            return found;
                        }
                    }
                }

                return Match(schema.Item!, tokens, index + 1, Join(prefix, tokens[index]), entries);
            default:
                return null;
        }
    }

    private static bool KestraNameEquals(string name, string key) =>
        string.Equals(KeyNormalizer.ToEnumName(name), KeyNormalizer.ToEnumName(key), StringComparison.Ordinal);

    private static string Join(string prefix, string segment) => prefix.Length == 0 ? segment : $"{prefix}.{segment}";
}
