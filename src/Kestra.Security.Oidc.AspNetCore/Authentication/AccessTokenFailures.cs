using Kestra.Security.Oidc.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// Maps a rejected access token to the matching <c>SecurityToken*Exception</c>, so JwtBearer's events see the kind of failure
/// and its <c>WWW-Authenticate: Bearer error="invalid_token", error_description=…</c> names the failed check.
/// </summary>
internal static class AccessTokenFailures
{
    /// <summary>The key of <see cref="Exception.Data"/> that holds the library's code.</summary>
    public const string CodeKey = "Kestra.Security.Oidc.Code";

    public static Exception ToException(KestraAuthenticationResult result)
    {
        var exception = result.AccessTokenValidation is { IsValid: false } validation
            ? ToException(validation)
            : new SecurityTokenValidationException(result.Message);
        exception.Data[CodeKey] = result.Code;
        return exception;
    }

    private static Exception ToException(AccessTokenValidationResult result) => result.Failure switch
    {
        AccessTokenCheck.Expired => new SecurityTokenExpiredException(result.Message) { Expires = result.ExpiresAt?.UtcDateTime ?? default },
        AccessTokenCheck.NotYetValid => new SecurityTokenNotYetValidException(result.Message),
        AccessTokenCheck.MissingExpiry => new SecurityTokenNoExpirationException(result.Message),
        AccessTokenCheck.IssuedAt => new SecurityTokenInvalidLifetimeException(result.Message),
        AccessTokenCheck.Issuer or AccessTokenCheck.NoClientForIssuer or AccessTokenCheck.AmbiguousClient =>
            new SecurityTokenInvalidIssuerException(result.Message) { InvalidIssuer = result.Issuer },
        AccessTokenCheck.Audience or AccessTokenCheck.AuthorizedParty =>
            new SecurityTokenInvalidAudienceException(result.Message) { InvalidAudience = string.Join(' ', result.Audiences) },
        AccessTokenCheck.Signature => new SecurityTokenInvalidSignatureException(result.Message),
        AccessTokenCheck.UnknownKey => new SecurityTokenSignatureKeyNotFoundException(result.Message),
        AccessTokenCheck.Algorithm => new SecurityTokenInvalidAlgorithmException(result.Message),
        AccessTokenCheck.TokenType => new SecurityTokenInvalidTypeException(result.Message),
        AccessTokenCheck.Format or AccessTokenCheck.Size or AccessTokenCheck.CriticalHeader or AccessTokenCheck.Opaque =>
            new SecurityTokenMalformedException(result.Message),
        _ => new SecurityTokenValidationException(result.Message),
    };

    /// <summary>
    /// RFC 6750 §3: <c>error_description</c> is printable ASCII without <c>"</c> and <c>\</c>. The library's messages are
    /// ASCII already; anything else is replaced, and the text is kept short.
    /// </summary>
    public static string Describe(string message)
    {
        var text = message.Length > 400 ? message[..397] + "..." : message;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    '"' => '\'',
                    '\\' => '/',
                    < ' ' or > '~' => '?',
                    _ => c,
                };
            }
        });
    }
}
