using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Tests.Logout;

/// <summary>A provider in memory (an <see cref="HttpMessageHandler"/>, no network): discovery and a JWKS with one RSA key, and tokens signed with it.</summary>
internal sealed class InMemoryProvider : HttpMessageHandler
{
    public const string Issuer = "http://127.0.0.1:8088/realms/kestra";
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";
    private static readonly RSA Rsa = RSA.Create(2048);
    private static readonly RsaSecurityKey Key = new(Rsa) { KeyId = "logout-test-key" };

    public static SecurityKey SigningKey => Key;

    /// <summary>A logout token as oidc-provider sends it (header <c>typ: logout+jwt</c>, 2 minutes), for client <c>kestra</c>.</summary>
    public static string LogoutToken(string? sid = "sid-1", string sub = "alice", string? jti = null, Action<Dictionary<string, object>>? edit = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = sub,
            ["jti"] = jti ?? Guid.NewGuid().ToString("N"),
            ["events"] = new Dictionary<string, object> { [Event] = new Dictionary<string, object>() },
        };
        if (sid is not null)
        {
            claims["sid"] = sid;
        }

        edit?.Invoke(claims);
        var now = TimeProvider.System.GetUtcNow();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "kestra",
            IssuedAt = now.UtcDateTime,
            Expires = now.AddMinutes(2).UtcDateTime,
            TokenType = "logout+jwt",
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A bearer access token of the same provider (checked by the test host's own JwtBearer scheme).</summary>
    public static string AccessToken(string? sid, string sub) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "kestra",
            Claims = sid is null ? new Dictionary<string, object> { ["sub"] = sub } : new Dictionary<string, object> { ["sub"] = sub, ["sid"] = sid },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        string? body = path switch
        {
            "/realms/kestra/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = Issuer + "/protocol/openid-connect/certs",
                ["authorization_endpoint"] = Issuer + "/protocol/openid-connect/auth",
                ["token_endpoint"] = Issuer + "/protocol/openid-connect/token",
                ["backchannel_logout_supported"] = true,
            }),
            "/realms/kestra/protocol/openid-connect/certs" => Jwks(),
            _ => null,
        };
        return Task.FromResult(body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private static string Jwks()
    {
        var parameters = Rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }
}
