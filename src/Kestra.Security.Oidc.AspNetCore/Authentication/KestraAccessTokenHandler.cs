using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// JwtBearer's <c>TokenHandler</c>: the bearer token is checked by the library's access-token profile (and introspection
/// when configured), through <see cref="IKestraOidcAuthenticator.AuthenticateAccessTokenAsync"/>, which also resolves it.
/// A rejection becomes the matching <c>SecurityToken*Exception</c>; a <c>require-groups</c> refusal authenticates (the
/// user is known) and is answered 403 by authorization.
/// </summary>
internal sealed class KestraAccessTokenHandler(IServiceProvider services, string? client) : TokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        var authenticator = services.GetRequiredService<IKestraOidcAuthenticator>();
        var result = await authenticator.AuthenticateAccessTokenAsync(token, client).ConfigureAwait(false);
        if (result.Resolution is not { } resolution)
        {
            return new TokenValidationResult { IsValid = false, Exception = AccessTokenFailures.ToException(result) };
        }

        var authenticationType = validationParameters?.AuthenticationType ?? "Bearer";
        var clientName = result.AccessTokenValidation?.ClientName ?? resolution.Client ?? client ?? string.Empty;
        SecurityToken securityToken;
        IEnumerable<Claim> claims;
        ReadOnlyMemory<byte> payload;
        if (result.AccessTokenValidation is { IsValid: true } validation)
        {
            var jwt = new JsonWebToken(token);
            (securityToken, claims, payload) = (jwt, jwt.Claims, validation.PayloadUtf8);
        }
        else
        {
            // Opaque (introspected): the claims the resolution knows.
            securityToken = new KestraOpaqueAccessToken(result.AccessTokenValidation?.Issuer);
            claims = OpaqueClaims(resolution);
            payload = ReadOnlyMemory<byte>.Empty;
        }

        return new TokenValidationResult
        {
            IsValid = true,
            SecurityToken = securityToken,
            ClaimsIdentity = new KestraTokenIdentity(claims, authenticationType, clientName, payload, resolution),
            Issuer = securityToken.Issuer,
        };
    }

    public override SecurityToken ReadToken(string token) => new JsonWebToken(token);

    private static IEnumerable<Claim> OpaqueClaims(Oidc.Authorization.RoleResolution resolution)
    {
        if (resolution.Subject is { } subject)
        {
            yield return new Claim("sub", subject);
        }

        if (resolution.PreferredUsername is { } username)
        {
            yield return new Claim(KestraTokenIdentity.NameType, username);
        }

        if (resolution.Email is { } email)
        {
            yield return new Claim("email", email);
        }
    }
}
