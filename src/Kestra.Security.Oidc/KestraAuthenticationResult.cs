using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc;

/// <summary>
/// The outcome of <see cref="IKestraOidcAuthenticator"/>: the token validation, the resolution when everything passed, and
/// otherwise the <see cref="Code"/> and <see cref="Message"/> of what failed (a token check, a claim source, the choice of client).
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
        Resolution = code is null ? resolution : null;
        Code = code ?? (validation is { IsValid: false } ? validation.Code : accessTokenValidation is { IsValid: false } ? accessTokenValidation.Code : null);
        Message = message is null ? (validation is { IsValid: false } ? validation.Message : accessTokenValidation is { IsValid: false } ? accessTokenValidation.Message : string.Empty)
            : $"{code}: {message}";
    }

    /// <summary>Whether the token is valid and every claim source consulted accepted it (then <see cref="Resolution"/> is set).</summary>
    public bool Succeeded => Code is null && Resolution is not null;

    /// <summary>The ID-token validation; <see langword="null"/> when an access token was authenticated alone, or no client could be picked.</summary>
    public IdTokenValidationResult? Validation { get; }

    /// <summary>The access-token validation, when an access token was validated (alone, or beside the ID token as a claim source).</summary>
    public AccessTokenValidationResult? AccessTokenValidation { get; }

    /// <summary>Groups, roles and permissions, when <see cref="Succeeded"/>.</summary>
    public RoleResolution? Resolution { get; }

    /// <summary>The stable code of what failed (<c>KSO51xx</c> ID token, <c>KSO52xx</c> access token, <c>KSO53xx</c> claim sources and client choice); <see langword="null"/> on success.</summary>
    public string? Code { get; }

    /// <summary>What failed and why, prefixed with <see cref="Code"/>; empty on success. Never contains a token or a secret.</summary>
    public string Message { get; }
}
