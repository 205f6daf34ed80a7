namespace Kestra.Security.Oidc.Authorization;

/// <summary>Kestra's namespace inheritance: a binding on <c>prod</c> covers <c>prod</c> and <c>prod.eng</c>, not <c>production</c>.</summary>
public static class NamespaceScope
{
    /// <summary>Whether <paramref name="namespace"/> is <paramref name="scope"/> or one of its children at a dot boundary.</summary>
    public static bool Covers(string scope, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(@namespace);
        return @namespace.Length == scope.Length
            ? string.Equals(@namespace, scope, StringComparison.Ordinal)
            : @namespace.Length > scope.Length
              && @namespace[scope.Length] == '.'
              && @namespace.StartsWith(scope, StringComparison.Ordinal);
    }
}
