using Kestra.Security.Oidc.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// The OpenIdConnect handler's <c>TokenHandler</c>: the ID token from the token endpoint is checked by the library's
/// <see cref="IdTokenValidator"/> (its algorithms, keys, issuer, audience, times), not by IdentityModel's rules. The result
/// carries a <see cref="JsonWebToken"/>, which the handler needs for its protocol checks (nonce, <c>at_hash</c>).
/// </summary>
internal sealed class KestraIdTokenHandler(IServiceProvider services, Func<string> client) : TokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var clientName = client();
        var validator = services.GetRequiredService<IdTokenValidator>();
        var result = await validator.ValidateAsync(token, clientName).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return new TokenValidationResult { IsValid = false, Exception = TokenFailures.ToException(result) };
        }

        var jwt = new JsonWebToken(token);
        var identity = new KestraTokenIdentity(jwt.Claims, validationParameters?.AuthenticationType ?? "Kestra", clientName, result.PayloadUtf8);
        return new TokenValidationResult
        {
            IsValid = true,
            SecurityToken = jwt,
            ClaimsIdentity = identity,
            Issuer = result.Issuer,
            TokenType = jwt.Typ,
        };
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        token is JsonWebToken jwt
            ? ValidateTokenAsync(jwt.EncodedToken, validationParameters)
            : Task.FromResult(new TokenValidationResult { IsValid = false, Exception = new SecurityTokenMalformedException("not a JWS") });

    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);
}
