using Kestra.Security.Oidc.Discovery;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The <see cref="TokenValidationParameters"/> handed to <c>JsonWebTokenHandler</c> for one metadata snapshot: signature and
/// algorithm only (the claim checks are done by <see cref="IdTokenClaimChecks"/> against <see cref="TimeProvider"/>).
/// </summary>
internal sealed class SignatureParameters
{
    private SignatureParameters(IssuerMetadata metadata, TokenValidationParameters parameters)
    {
        Metadata = metadata;
        Parameters = parameters;
    }

    public IssuerMetadata Metadata { get; }

    public TokenValidationParameters Parameters { get; }

    public static SignatureParameters For(IssuerMetadata metadata, IReadOnlyCollection<string> algorithms) =>
        new(metadata, new TokenValidationParameters
        {
            IssuerSigningKeys = metadata.SigningKeys,
            ValidAlgorithms = algorithms,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
            ValidateTokenReplay = false,
            SaveSigninToken = false,
        });
}
