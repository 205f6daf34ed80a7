using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>One bound key: its normalised path, where it was written, and its value (scalar or list).</summary>
internal sealed record FlatEntry(string Path, SourceLocation KeyLocation, FlatValue Value, bool Secret, int Document);

/// <summary>A scalar or a list of scalars, each with its own location, after placeholder resolution.</summary>
internal sealed record FlatValue(IReadOnlyList<FlatScalar> Items, bool IsList)
{
    public FlatScalar? Single => IsList || Items.Count == 0 ? null : Items[0];
}

/// <summary>A scalar value and where it is.</summary>
internal sealed record FlatScalar(string? Text, SourceLocation Location);
