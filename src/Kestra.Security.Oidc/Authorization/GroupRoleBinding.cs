namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// A binding of a group to a role, optionally limited to a Kestra namespace and its children (SPEC §4.3; a library
/// extension: Kestra keeps bindings in its database).
/// </summary>
/// <param name="Group">The group name as the claim path yields it (after the full-path/last-segment option).</param>
/// <param name="Role">The role the group grants.</param>
/// <param name="Namespace">The namespace it applies to (<c>prod</c> covers <c>prod.eng</c>), or null for all namespaces.</param>
public sealed record GroupRoleBinding(string Group, KestraRole Role, string? Namespace = null);
