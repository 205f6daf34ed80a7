namespace Kestra.Security.Oidc;

/// <summary>
/// Why <see cref="IKestraOidcAuthenticator.AuthenticateAsync"/> did not succeed, so that a web host can answer with the
/// right status: <see cref="TokenRejected"/> → 401 (who the caller is, is not established), <see cref="GroupsRequired"/>
/// → 403 (the user is known, but not let in).
/// </summary>
public enum KestraAuthenticationFailure
{
    /// <summary>The ID token was rejected; <see cref="KestraAuthenticationResult.Validation"/> names the check (<c>KSO51xx</c>).</summary>
    TokenRejected = 1,

    /// <summary>
    /// The token is valid, but the user has no group and <c>kestra-security-oidc.require-groups</c> is true
    /// (<see cref="Authorization.RoleWarningCodes.GroupsRequired"/>, <c>KSO4010</c>).
    /// </summary>
    GroupsRequired,
}
