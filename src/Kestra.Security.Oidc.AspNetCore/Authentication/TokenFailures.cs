using Kestra.Security.Oidc.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// Maps a failed check of the library to the matching <c>SecurityToken*Exception</c>, so ASP.NET Core's handlers (and
/// JwtBearer's <c>error_description</c>) name it. The message is the library's, with its KSO code; never the token.
/// </summary>
internal static class TokenFailures
{
    public static Exception ToException(IdTokenValidationResult result) => result.Failure switch
    {
        IdTokenCheck.Expired => new SecurityTokenExpiredException(result.Message) { Expires = result.ExpiresAt?.UtcDateTime ?? default },
        IdTokenCheck.NotYetValid => new SecurityTokenNotYetValidException(result.Message),
        IdTokenCheck.MissingExpiry => new SecurityTokenNoExpirationException(result.Message),
        IdTokenCheck.Issuer => new SecurityTokenInvalidIssuerException(result.Message) { InvalidIssuer = result.Issuer },
        IdTokenCheck.Audience => new SecurityTokenInvalidAudienceException(result.Message) { InvalidAudience = string.Join(' ', result.Audiences) },
        IdTokenCheck.Signature => new SecurityTokenInvalidSignatureException(result.Message),
        IdTokenCheck.UnknownKey => new SecurityTokenSignatureKeyNotFoundException(result.Message),
        IdTokenCheck.Algorithm => new SecurityTokenInvalidAlgorithmException(result.Message),
        IdTokenCheck.TokenType => new SecurityTokenInvalidTypeException(result.Message),
        IdTokenCheck.Format or IdTokenCheck.Size or IdTokenCheck.CriticalHeader => new SecurityTokenMalformedException(result.Message),
        _ => new SecurityTokenValidationException(result.Message),
    };
}
