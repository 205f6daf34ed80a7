namespace Kestra.Security.Oidc.Configuration;

/// <summary>Where a configuration value came from: a file position, an environment variable or a configuration key.</summary>
/// <param name="Source">The file path, or a description such as <c>environment variable X</c>.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines.</param>
/// <param name="Column">1-based column, or 0 when the source has no columns.</param>
public readonly record struct SourceLocation(string Source, int Line, int Column)
{
    /// <summary>Renders the location as <c>FILE:LINE:COL</c> (or just the source when it has no position).</summary>
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}
