using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>A source-independent configuration tree (YAML or IConfiguration), with positions.</summary>
internal abstract class ConfigNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;
}

internal sealed class ConfigScalar(SourceLocation location, string? value, bool isQuoted) : ConfigNode(location)
{
    /// <summary>The scalar text; null for YAML null (<c>~</c>, <c>null</c> or empty).</summary>
    public string? Value { get; } = value;

    public bool IsQuoted { get; } = isQuoted;
}

internal sealed class ConfigSequence(SourceLocation location, IReadOnlyList<ConfigNode> items) : ConfigNode(location)
{
    public IReadOnlyList<ConfigNode> Items { get; } = items;
}

internal sealed class ConfigMapping(SourceLocation location) : ConfigNode(location)
{
    public List<ConfigMappingEntry> Entries { get; } = [];
}

/// <summary>One key of a mapping: the key as written, where it was written, and its value.</summary>
internal sealed record ConfigMappingEntry(string Key, SourceLocation KeyLocation, ConfigNode Value);
