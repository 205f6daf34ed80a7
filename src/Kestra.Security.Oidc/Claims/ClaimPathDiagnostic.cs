namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// Something worth telling the operator about an evaluation: a missing member, a value of the wrong shape, a skipped
/// leaf. <see cref="Code"/> is stable (see <see cref="ClaimPathDiagnosticCodes"/>); <see cref="Message"/> is for people.
/// </summary>
/// <param name="Code">A stable code from <see cref="ClaimPathDiagnosticCodes"/>, e.g. <c>KSO3001</c>.</param>
/// <param name="Message">A sentence that names the path and, where possible, suggests a fix.</param>
public sealed record ClaimPathDiagnostic(string Code, string Message)
{
    /// <summary>The code and message, e.g. <c>KSO3001: `resource_access.kestra` exists but has no `roles`</c>.</summary>
    public override string ToString() => $"{Code}: {Message}";
}
