using System.Text;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>
/// Micronaut's property placeholders: <c>${NAME}</c>, <c>${NAME:default}</c>, <c>${A:B:literal}</c> and
/// <c>${NAME:`literal:with:colons`}</c>. A name is looked up as a property, then as an environment variable
/// (exact, then upper snake case); an empty environment variable counts as unset.
/// </summary>
internal sealed class PlaceholderResolver(
    IReadOnlyDictionary<string, FlatEntry> properties,
    Func<string, string?> environment,
    List<ConfigurationDiagnostic> diagnostics)
{
    private const int MaxDepth = 16;

    /// <summary>Resolves every placeholder in <paramref name="text"/>; returns null (and reports) when one cannot be resolved.</summary>
    public string? Resolve(string text, string key, SourceLocation location, bool secret) =>
        Resolve(text, key, location, secret, 0);

    private string? Resolve(string text, string key, SourceLocation location, bool secret, int depth)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        if (depth > MaxDepth)
        {
            Report(DiagnosticCodes.UnresolvedPlaceholder, location, key,
                "placeholders refer to each other in a cycle (or nest deeper than 16 levels)");
            return null;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, start - i);
            var end = FindClose(text, start + 2);
            if (end < 0)
            {
                Report(DiagnosticCodes.UnresolvedPlaceholder, location, key,
                    "a placeholder '${' is never closed with '}'");
                return null;
            }

            var expression = text[(start + 2)..end];
            var value = ResolveExpression(expression, expression, key, location, secret, depth);
            if (value is null)
            {
                return null;
            }

            result.Append(value);
            i = end + 1;
        }

        return result.ToString();
    }

    private string? ResolveExpression(string whole, string expression, string key, SourceLocation location, bool secret, int depth)
    {
        var colon = expression.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? expression : expression[..colon]).Trim();
        var found = Lookup(name, key, location, secret, depth);
        if (found is not null)
        {
            return found;
        }

        if (colon < 0)
        {
            Report(DiagnosticCodes.UnresolvedPlaceholder, location, key,
                $"could not resolve placeholder '${{{whole}}}': there is no property '{name}' and no environment variable '{name}' (an empty one counts as unset); set it, or give a default as '${{{name}:value}}'");
            return null;
        }

        var fallback = expression[(colon + 1)..];
        if (fallback.Length >= 2 && fallback[0] == '`' && fallback[^1] == '`')
        {
            return fallback[1..^1];
        }

        if (fallback.Contains(':', StringComparison.Ordinal))
        {
            if (fallback.Contains("://", StringComparison.Ordinal) && !secret)
            {
                diagnostics.Add(new ConfigurationDiagnostic(DiagnosticCodes.PlaceholderDefaultSplit, DiagnosticSeverity.Warning, location, key,
                    $"the default of '${{{whole}}}' contains ':', and Micronaut splits defaults at ':' (so 'http' is looked up as a name); wrap a literal default in backticks: '${{{name}:`{fallback}`}}'"));
            }

            return ResolveExpression(whole, fallback, key, location, secret, depth);
        }

        return Resolve(fallback, key, location, secret, depth + 1);
    }

    private string? Lookup(string name, string key, SourceLocation location, bool secret, int depth)
    {
        if (name.Length == 0)
        {
            return null;
        }

        if (properties.TryGetValue(KeyNormalizer.NormalizePath(name), out var property) && property.Value.Single?.Text is { } text)
        {
            return Resolve(text, key, location, secret, depth + 1);
        }

        var value = environment(name);
        if (string.IsNullOrEmpty(value))
        {
            value = environment(name.ToUpperInvariant().Replace('.', '_').Replace('-', '_'));
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static int FindClose(string text, int from)
    {
        var depth = 0;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
        }

        return -1;
    }

    private void Report(string code, SourceLocation location, string key, string message) =>
        diagnostics.Add(new ConfigurationDiagnostic(code, DiagnosticSeverity.Error, location, key, message));
}
