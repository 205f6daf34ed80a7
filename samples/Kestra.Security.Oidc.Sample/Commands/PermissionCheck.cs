namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>One parsed <c>--check PERMISSION:ACTION[@NAMESPACE]</c>, names canonical (<c>flow:execute</c> → <c>FLOW</c>, <c>EXECUTE</c>).</summary>
internal sealed record PermissionCheck(string Permission, string Action, string? Namespace);
