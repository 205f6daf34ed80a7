namespace Kestra.Security.Oidc.Configuration;

/// <summary>One entry of <c>kestra-security-oidc.group-bindings</c>: a group, the roles it grants, and an optional namespace.</summary>
public sealed class GroupBindingOptions
{
    /// <summary><c>group</c>: the group name as the claim path yields it.</summary>
    public string? Group { get; set; }

    /// <summary><c>roles</c>: names of roles under <c>kestra-security-oidc.roles</c> (or <c>default-role</c>'s name).</summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary><c>namespace</c>: limits the binding to a Kestra namespace and its children; none means all namespaces.</summary>
    public string? Namespace { get; set; }
}
