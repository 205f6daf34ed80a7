using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A Keycloak-like provider in memory (no network): discovery, JWKS and the token endpoint answer from this handler,
/// which replaces the library's discovery client and ASP.NET Core's back-channel.
/// </summary>
internal sealed class TestProvider : HttpMessageHandler
{
    public const string Issuer = "http://127.0.0.1:9/realms/kestra";
    public const string KeyId = "test-key";
    private readonly RSA _rsa = RSA.Create(2048);

    public string? DiscoveryIssuer { get; set; } = Issuer;

    /// <summary>What the token endpoint returns next as <c>id_token</c>.</summary>
    public string? NextIdToken { get; set; }

    public int TokenRequests { get; private set; }

    /// <summary>What the introspection endpoint answers per token (RFC 7662); an unknown token is <c>{"active": false}</c>.</summary>
    public Dictionary<string, Dictionary<string, object?>> Introspections { get; } = new(StringComparer.Ordinal);

    public int IntrospectionRequests { get; private set; }

    public string? LastTokenRequestBody { get; private set; }

    public string Mint(IDictionary<string, object?> payload, string typ = "JWT", string kid = KeyId)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["alg"] = "RS256", ["typ"] = typ, ["kid"] = kid });
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        var signingInput = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(body);
        var signature = _rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>A Keycloak-shaped ID token for client <c>kestra</c>: <paramref name="roles"/> under <c>resource_access.kestra.roles</c>.</summary>
    public string IdToken(string user, string[] roles, string? nonce, string audience = "kestra")
    {
        var now = TimeProvider.System.GetUtcNow();
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["azp"] = "kestra",
            ["sub"] = "sub-" + user,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["typ"] = "ID",
            ["preferred_username"] = user,
            ["email"] = user + "@example.com",
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        if (roles.Length > 0)
        {
            payload["resource_access"] = new Dictionary<string, object> { ["kestra"] = new { roles } };
        }

        return Mint(payload);
    }

    /// <summary>A Keycloak-shaped access token (<c>typ: Bearer</c>) for the audience <c>kestra</c>, with client roles as groups.</summary>
    public string AccessToken(string user, string[] roles, string audience = "kestra", string typ = "Bearer", TimeSpan? lifetime = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = Issuer,
            ["aud"] = audience,
            ["azp"] = "kestra",
            ["sub"] = "sub-" + user,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
            ["typ"] = typ,
            ["preferred_username"] = user,
            ["scope"] = "openid profile email",
        };
        if (roles.Length > 0)
        {
            payload["resource_access"] = new Dictionary<string, object> { ["kestra"] = new { roles } };
        }

        return Mint(payload);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            return Json(new Dictionary<string, object?>
            {
                ["issuer"] = DiscoveryIssuer,
                ["authorization_endpoint"] = Issuer + "/protocol/openid-connect/auth",
                ["token_endpoint"] = Issuer + "/protocol/openid-connect/token",
                ["userinfo_endpoint"] = Issuer + "/protocol/openid-connect/userinfo",
                ["end_session_endpoint"] = Issuer + "/protocol/openid-connect/logout",
                ["jwks_uri"] = Issuer + "/protocol/openid-connect/certs",
                ["introspection_endpoint"] = Issuer + "/protocol/openid-connect/token/introspect",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
            });
        }

        if (path.EndsWith("/protocol/openid-connect/certs", StringComparison.Ordinal))
        {
            var key = _rsa.ExportParameters(false);
            return Json(new { keys = new[] { new { kid = KeyId, kty = "RSA", use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        }

        if (path.EndsWith("/protocol/openid-connect/token/introspect", StringComparison.Ordinal) && request.Method == HttpMethod.Post)
        {
            IntrospectionRequests++;
            var form = System.Web.HttpUtility.ParseQueryString(await request.Content!.ReadAsStringAsync(cancellationToken));
            return Json(Introspections.TryGetValue(form["token"] ?? string.Empty, out var answer) ? answer : new Dictionary<string, object?> { ["active"] = false });
        }

        if (path.EndsWith("/protocol/openid-connect/token", StringComparison.Ordinal) && request.Method == HttpMethod.Post)
        {
            TokenRequests++;
            LastTokenRequestBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            return Json(new Dictionary<string, object?>
            {
                ["access_token"] = "opaque-access-token",
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["id_token"] = NextIdToken,
            });
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private static HttpResponseMessage Json(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
