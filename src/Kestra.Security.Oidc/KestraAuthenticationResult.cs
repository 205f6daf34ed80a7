using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc;

/// <summary>The outcome of <see cref="IKestraOidcAuthenticator.AuthenticateAsync"/>: the validation, and the resolution when valid.</summary>
public sealed class KestraAuthenticationResult
{
    internal KestraAuthenticationResult(IdTokenValidationResult validation, RoleResolution? resolution)
    {
        Validation = validation;
        Resolution = resolution;
    }

    /// <summary>Whether the token is valid (then <see cref="Resolution"/> is set).</summary>
    public bool Succeeded => Validation.IsValid && Resolution is not null;

    /// <summary>The ID-token validation: on failure, <see cref="IdTokenValidationResult.Failure"/> names the check.</summary>
    public IdTokenValidationResult Validation { get; }

    /// <summary>Groups, roles and permissions, when the token is valid.</summary>
    public RoleResolution? Resolution { get; }
}
