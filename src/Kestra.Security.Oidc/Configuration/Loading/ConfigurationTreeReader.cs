using System.Globalization;
using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Configuration;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>Turns an <see cref="IConfiguration"/> into the same tree the YAML reader produces.</summary>
internal static class ConfigurationTreeReader
{
    public static ConfigMapping Read(IConfiguration configuration)
    {
        var root = new ConfigMapping(new SourceLocation("configuration", 0, 0));
        foreach (var section in configuration.GetChildren())
        {
            root.Entries.Add(new ConfigMappingEntry(section.Key, Locate(configuration, section.Path), ReadSection(configuration, section)));
        }

        return root;
    }

    private static ConfigNode ReadSection(IConfiguration root, IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        var location = Locate(root, section.Path);
        if (children.Count == 0)
        {
            return new ConfigScalar(location, section.Value is { Length: 0 } ? null : section.Value, isQuoted: false);
        }

        var isSequence = children
            .Select((child, index) => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == index)
            .All(match => match);
        if (isSequence)
        {
            return new ConfigSequence(location, children.Select(child => ReadSection(root, child)).ToList());
        }

        var mapping = new ConfigMapping(location);
        foreach (var child in children)
        {
            mapping.Entries.Add(new ConfigMappingEntry(child.Key, Locate(root, child.Path), ReadSection(root, child)));
        }

        return mapping;
    }

    /// <summary>Names the provider that supplies a key (e.g. a JSON file), since IConfiguration has no line numbers.</summary>
    private static SourceLocation Locate(IConfiguration configuration, string path)
    {
        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.Reverse())
            {
                if (provider.TryGet(path, out _) || provider.GetChildKeys([], path).Any())
                {
                    var source = provider.ToString();
                    return new SourceLocation($"{source} (key '{path}')", 0, 0);
                }
            }
        }

        return new SourceLocation($"configuration key '{path}'", 0, 0);
    }
}
