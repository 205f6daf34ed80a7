namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Why a user with a valid token is refused (SPEC §4.4): today only <see cref="RoleWarningCodes.GroupsRequired"/>
/// (<c>require-groups: true</c> and the token carries no group). A refused resolution grants nothing; an ASP.NET Core
/// host answers 403 (the user is known, but not allowed in), not 401.
/// </summary>
/// <param name="Code">The stable code, e.g. <c>KSO4010</c>.</param>
/// <param name="Message">What happened and how to fix it.</param>
public sealed record ResolutionRefusal(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
