namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// With <c>group-paths: last-segment</c>, <c>/kestra/admins</c> and <c>/other/admins</c> both become <c>admins</c>: a
/// binding meant for one parent then matches the other. Each binding that matched groups under different parents
/// (the binding's own parent included, when it is written as a path) gets a warning naming them (SPEC §4.4).
/// </summary>
internal static class LastSegmentWarnings
{
    /// <param name="matches">Each binding that matched: the group as the binding states it, and the last segment it matched.</param>
    /// <param name="sentByName">The groups as sent, by last segment.</param>
    public static IEnumerable<ResolutionWarning> For(
        IReadOnlyList<(string BindingGroup, string Name)> matches,
        IReadOnlyDictionary<string, List<string>> sentByName)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (bindingGroup, name) in matches)
        {
            if (!sentByName.TryGetValue(name, out var sent) || !reported.Add(bindingGroup))
            {
                continue;
            }

            var parents = new SortedSet<string>(sent.Select(GroupNames.Parent), StringComparer.Ordinal);
            if (bindingGroup.Contains('/', StringComparison.Ordinal))
            {
                parents.Add(GroupNames.Parent(bindingGroup));
            }

            if (parents.Count > 1)
            {
                yield return new ResolutionWarning(RoleWarningCodes.LastSegmentAcrossParents,
                    $"group-paths is last-segment, so the binding for '{bindingGroup}' matches {string.Join(" and ", sent.Order(StringComparer.Ordinal).Select(g => $"'{g}'"))}, although they sit under different parents ({string.Join(", ", parents.Select(p => p.Length == 0 ? "top level" : $"'{p}'"))}); if only one of them should have the role, set 'kestra-security-oidc.group-paths: full' and bind the full path");
            }
        }
    }
}
