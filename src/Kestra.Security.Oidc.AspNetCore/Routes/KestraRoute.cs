namespace Kestra.Security.Oidc.AspNetCore.Routes;

/// <summary>
/// One of Micronaut's route templates (<c>/oauth/login{/provider}</c>, <c>/oauth/callback/{provider}</c>, <c>/logout</c>):
/// a fixed prefix and an optional last segment naming the client.
/// </summary>
internal sealed class KestraRoute
{
    private readonly string _prefix;
    private readonly bool _hasProvider;

    private KestraRoute(string prefix, bool hasProvider)
    {
        _prefix = prefix;
        _hasProvider = hasProvider;
    }

    public static KestraRoute Parse(string template)
    {
        var t = template.Trim();
        var hasProvider = false;
        foreach (var placeholder in (string[])["{/provider}", "/{provider}", "{provider}"])
        {
            if (t.EndsWith(placeholder, StringComparison.Ordinal))
            {
                t = t[..^placeholder.Length];
                hasProvider = true;
                break;
            }
        }

        t = "/" + t.Trim('/');
        return new KestraRoute(t == "/" ? string.Empty : t, hasProvider);
    }

    /// <summary>Whether <paramref name="path"/> is this route; <paramref name="provider"/> is its client segment, if any.</summary>
    public bool Matches(string path, out string? provider)
    {
        provider = null;
        if (string.Equals(path, _prefix, StringComparison.OrdinalIgnoreCase) || (_prefix.Length == 0 && path == "/"))
        {
            return true;
        }

        if (!_hasProvider || !path.StartsWith(_prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = path[(_prefix.Length + 1)..];
        if (rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        provider = Uri.UnescapeDataString(rest);
        return true;
    }

    /// <summary>The path of one client: <c>/oauth/login/keycloak</c>.</summary>
    public string PathFor(string? client) =>
        _hasProvider && client is not null ? _prefix + "/" + Uri.EscapeDataString(client) : (_prefix.Length == 0 ? "/" : _prefix);
}
