namespace Kestra.Security.Oidc.Authorization;

/// <summary>Something the operator should know about a resolution, with a stable code (KSO3xxx claims, KSO4xxx roles).</summary>
/// <param name="Code">The stable code.</param>
/// <param name="Message">What happened and how to fix it.</param>
public sealed record ResolutionWarning(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
