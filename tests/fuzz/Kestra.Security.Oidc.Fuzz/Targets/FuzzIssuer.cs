using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// The in-process OpenID provider of the <c>token</c> target: a discovery document and JWKS served by an
/// <see cref="HttpMessageHandler"/> (no network), the fixed key of <see cref="FuzzSigningKey"/>, and a frozen clock.
/// </summary>
internal sealed class FuzzIssuer : HttpMessageHandler
{
    public const string Issuer = "https://idp.fuzz.invalid/realms/kestra";
    public const string ClientName = "keycloak";
    public const string ClientId = "kestra";
    public const string Nonce = "n-0S6_WzA2Mj";

    /// <summary>The frozen "now" of every validation: 2030-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly RSA Key = CreateKey();

    private int _jwksRequests;

    /// <summary>How many times the JWKS was fetched.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static RSA PublicKey => Key;

    public static KestraOidcOptions Options()
    {
        var options = new KestraOidcOptions();
        options.Clients[ClientName] = new OidcClientOptions { ClientId = ClientId, OpenId = new OpenIdProviderOptions { Issuer = Issuer } };
        return options;
    }

    /// <summary>A compact JWS of <paramref name="header"/> and <paramref name="payload"/> signed RS256 with the fixed key.</summary>
    public static string Sign(JsonObject header, JsonObject payload) => Sign(header.ToJsonString(), payload.ToJsonString());

    /// <summary>A compact JWS of raw header and payload JSON text, signed RS256 with the fixed key.</summary>
    public static string Sign(string header, string payload)
    {
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}";
        var signature = Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        string? body = path switch
        {
            "/realms/kestra/.well-known/openid-configuration" => Discovery(),
            "/realms/kestra/protocol/openid-connect/certs" => Jwks(),
            _ => null,
        };
        if (path.EndsWith("/certs", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _jwksRequests);
        }

        var response = new HttpResponseMessage(body is null ? HttpStatusCode.NotFound : HttpStatusCode.OK)
        {
            Content = new StringContent(body ?? "not found", Encoding.UTF8, body is null ? "text/plain" : "application/json"),
            RequestMessage = request,
        };
        return Task.FromResult(response);
    }

    private static string Discovery() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/protocol/openid-connect/auth",
        ["token_endpoint"] = $"{Issuer}/protocol/openid-connect/token",
        ["jwks_uri"] = $"{Issuer}/protocol/openid-connect/certs",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    }.ToJsonString();

    // The signing key, the same public key marked for encryption (must never verify a token), and an HMAC key
    // (must never be used: HS* is refused with JWKS keys).
    private static string Jwks()
    {
        var p = Key.ExportParameters(false);
        JsonObject Rsa(string kid, string use) => new()
        {
            ["kty"] = "RSA", ["kid"] = kid, ["use"] = use, ["alg"] = "RS256",
            ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent),
        };
        return new JsonObject
        {
            ["keys"] = new JsonArray(
                Rsa(FuzzSigningKey.Kid, "sig"),
                Rsa("fuzz-enc-key", "enc"),
                new JsonObject { ["kty"] = "oct", ["kid"] = "fuzz-hmac-key", ["k"] = Base64Url.EncodeToString(Encoding.ASCII.GetBytes(FuzzSigningKey.HmacSecret)) }),
        }.ToJsonString();
    }

    private static RSA CreateKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(FuzzSigningKey.PrivateKeyPem);
        return rsa;
    }
}
