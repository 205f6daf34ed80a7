using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Group names as the resolver compares them: exactly as sent (no trimming, no Unicode normalisation), except that
/// <c>group-paths: last-segment</c> keeps the last segment of a Keycloak path (<c>/kestra/admins</c> → <c>admins</c>).
/// </summary>
internal static class GroupNames
{
    public static string Normalize(string group, GroupPathMode mode)
    {
        if (mode == GroupPathMode.LastSegment && group.Contains('/', StringComparison.Ordinal))
        {
            var path = group.TrimEnd('/');
            return path[(path.LastIndexOf('/') + 1)..];
        }

        return group;
    }

    /// <summary>The path before the last segment (<c>/kestra/admins</c> → <c>/kestra</c>); empty for a top-level group.</summary>
    public static string Parent(string group)
    {
        var path = group.TrimEnd('/');
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? string.Empty : path[..slash];
    }
}
