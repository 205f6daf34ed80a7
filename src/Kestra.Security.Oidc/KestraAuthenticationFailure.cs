namespace Kestra.Security.Oidc;

/// <summary>
/// Why <see cref="IKestraOidcAuthenticator"/> did not authenticate a user, so that a web host can answer with the
/// right status: <see cref="TokenRejected"/> → 401 (who the caller is, is not established), <see cref="GroupsRequired"/>
/// → 403 (the user is known, but not let in).
/// </summary>
public enum KestraAuthenticationFailure
{
    /// <summary>
    /// The ID token (<c>KSO51xx</c>, see <see cref="KestraAuthenticationResult.Validation"/>) or the access token (<c>KSO52xx</c>,
    /// see <see cref="KestraAuthenticationResult.AccessTokenValidation"/>) was rejected, a claim source refused it (inactive,
    /// another subject: <c>KSO53xx</c>), or no client could be picked for it.
    /// </summary>
    TokenRejected = 1,

    /// <summary>
    /// The token is valid, but the user has no group and <c>kestra-security-oidc.require-groups</c> is true
    /// (<see cref="Authorization.RoleWarningCodes.GroupsRequired"/>, <c>KSO4010</c>).
    /// </summary>
    GroupsRequired,
}
