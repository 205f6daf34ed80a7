using System.Security.Cryptography;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// ASP.NET Core's protocol checks (nonce, <c>at_hash</c>, <c>c_hash</c>), with a nonce of 256 random bits: the default one
/// starts with the server's clock ticks, which a nonce need not tell the provider.
/// </summary>
internal sealed class KestraProtocolValidator : OpenIdConnectProtocolValidator
{
    public KestraProtocolValidator()
    {
        RequireTimeStampInNonce = false;
        RequireNonce = true;
        RequireStateValidation = false; // the handler checks the state itself (data-protected, tied to the correlation cookie)
        NonceLifetime = TimeSpan.FromMinutes(15);
    }

    public override string GenerateNonce() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
