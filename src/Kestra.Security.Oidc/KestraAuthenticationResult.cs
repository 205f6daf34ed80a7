using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc;

/// <summary>
/// The outcome of <see cref="IKestraOidcAuthenticator"/>: the token validation, the resolution when the token is valid, and,
/// when the user is not let in, a typed <see cref="Failure"/> with its <see cref="Code"/> (a token check, a claim source that
/// refused the token, the choice of client, or a refusal for lack of groups).
/// </summary>
public sealed class KestraAuthenticationResult
{
    internal KestraAuthenticationResult(
        IdTokenValidationResult? validation,
        AccessTokenValidationResult? accessTokenValidation,
        RoleResolution? resolution,
        string? code = null,
        string? message = null)
    {
        Validation = validation;
        AccessTokenValidation = accessTokenValidation;
        if (code is not null)
        {
            (Failure, Code, Message) = (KestraAuthenticationFailure.TokenRejected, code, $"{code}: {message}");
        }
        else if (validation is { IsValid: false })
        {
            (Failure, Code, Message) = (KestraAuthenticationFailure.TokenRejected, validation.Code, validation.Message);
        }
        else if (accessTokenValidation is { IsValid: false })
        {
            (Failure, Code, Message) = (KestraAuthenticationFailure.TokenRejected, accessTokenValidation.Code, accessTokenValidation.Message);
        }
        else if (resolution?.Refusal is { } refusal)
        {
            (Failure, Code, Message) = (KestraAuthenticationFailure.GroupsRequired, refusal.Code, refusal.ToString());
        }
        else
        {
            (Failure, Code, Message) = (resolution is null ? KestraAuthenticationFailure.TokenRejected : null, null, string.Empty);
        }

        Resolution = Failure is null or KestraAuthenticationFailure.GroupsRequired ? resolution : null;
    }

    /// <summary>Whether the token is valid and the user is let in (then <see cref="Resolution"/> holds the permissions).</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Why the user is not let in; <see langword="null"/> on success.</summary>
    public KestraAuthenticationFailure? Failure { get; }

    /// <summary>
    /// The stable code of the failure: a token check (<c>KSO51xx</c> ID token, <c>KSO52xx</c> access token), a claim source or
    /// the choice of client (<c>KSO53xx</c>), or the refusal (<c>KSO4010</c>); <see langword="null"/> on success.
    /// </summary>
    public string? Code { get; }

    /// <summary>What failed and why, prefixed with <see cref="Code"/>; empty on success. Never contains a token or a secret.</summary>
    public string Message { get; }

    /// <summary>The ID-token validation; <see langword="null"/> when an access token was authenticated alone, or no client could be picked.</summary>
    public IdTokenValidationResult? Validation { get; }

    /// <summary>The access-token validation, when an access token was validated (alone, or beside the ID token as a claim source).</summary>
    public AccessTokenValidationResult? AccessTokenValidation { get; }

    /// <summary>
    /// Groups, roles and permissions, when the token is valid. Also set when the user is refused
    /// (<see cref="KestraAuthenticationFailure.GroupsRequired"/>): then it grants nothing and <see cref="RoleResolution.Refusal"/> says why.
    /// </summary>
    public RoleResolution? Resolution { get; }
}
