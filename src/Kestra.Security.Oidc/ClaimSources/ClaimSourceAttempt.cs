namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>One claim source tried while looking for the user's groups: which, how many groups it gave, or why it was skipped.</summary>
/// <param name="Source">The source.</param>
/// <param name="GroupCount">How many groups it gave (0 when skipped or empty).</param>
/// <param name="Detail">What happened, e.g. <c>2 groups at 'resource_access.kestra.roles'</c> or <c>skipped: no access token given</c>.</param>
public sealed record ClaimSourceAttempt(ClaimSourceKind Source, int GroupCount, string Detail)
{
    /// <summary>The source as configured: <c>id-token</c>, <c>userinfo</c>, <c>access-token</c> or <c>introspection</c>.</summary>
    public string Name => ClaimSourceNames.Of(Source);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Detail}";
}
