using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc;

/// <summary>
/// The outcome of <see cref="IKestraOidcAuthenticator.AuthenticateAsync"/>: the validation, the resolution when the token
/// is valid, and, when the user is not let in, a typed <see cref="Failure"/> with its code.
/// </summary>
public sealed class KestraAuthenticationResult
{
    internal KestraAuthenticationResult(IdTokenValidationResult validation, RoleResolution? resolution)
    {
        Validation = validation;
        Resolution = resolution;
        Failure = !validation.IsValid || resolution is null
            ? KestraAuthenticationFailure.TokenRejected
            : resolution.Refusal is not null ? KestraAuthenticationFailure.GroupsRequired : null;
    }

    /// <summary>Whether the token is valid and the user is let in (then <see cref="Resolution"/> holds the permissions).</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Why the user is not let in; <see langword="null"/> on success.</summary>
    public KestraAuthenticationFailure? Failure { get; }

    /// <summary>
    /// The stable code of the failure: the failed token check (<c>KSO51xx</c>) or the refusal (<c>KSO4010</c>);
    /// <see langword="null"/> on success.
    /// </summary>
    public string? Code => Failure switch
    {
        KestraAuthenticationFailure.TokenRejected => Validation.Code,
        KestraAuthenticationFailure.GroupsRequired => Resolution!.Refusal!.Code,
        _ => null,
    };

    /// <summary>What failed and why, prefixed with <see cref="Code"/>; empty on success. Never contains the token.</summary>
    public string Message => Failure switch
    {
        KestraAuthenticationFailure.TokenRejected => Validation.Message,
        KestraAuthenticationFailure.GroupsRequired => Resolution!.Refusal!.ToString(),
        _ => string.Empty,
    };

    /// <summary>The ID-token validation: on failure, <see cref="IdTokenValidationResult.Failure"/> names the check.</summary>
    public IdTokenValidationResult Validation { get; }

    /// <summary>
    /// Groups, roles and permissions, when the token is valid. Also set when the user is refused
    /// (<see cref="KestraAuthenticationFailure.GroupsRequired"/>): then it grants nothing and <see cref="RoleResolution.Refusal"/> says why.
    /// </summary>
    public RoleResolution? Resolution { get; }
}
