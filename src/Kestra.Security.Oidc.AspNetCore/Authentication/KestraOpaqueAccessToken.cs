using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>An opaque access token the provider vouched for by introspection (JwtBearer needs a <see cref="SecurityToken"/>).</summary>
internal sealed class KestraOpaqueAccessToken(string? issuer) : SecurityToken
{
    public override string? Id => null;

    public override string? Issuer { get; } = issuer;

    public override SecurityKey? SecurityKey => null;

    public override SecurityKey? SigningKey { get; set; }

    public override DateTime ValidFrom => DateTime.MinValue;

    public override DateTime ValidTo => DateTime.MinValue;

    public override string UnsafeToString() => "opaque access token";

    public override string ToString() => "opaque access token";
}
