using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>A Keycloak realm in memory for benchmarks: a discovery document and a JWKS served without network, and its signing key.</summary>
internal sealed class InMemoryProvider : HttpMessageHandler
{
    public const string Issuer = "http://localhost:8088/realms/kestra";
    public const string KeyId = "bench-rs256";

    private readonly Dictionary<string, string> _documents;

    public InMemoryProvider()
    {
        var parameters = Rsa.ExportParameters(false);
        var jwks = new
        {
            keys = new[]
            {
                new { kid = KeyId, kty = "RSA", use = "sig", alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        };
        _documents = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{Issuer}/.well-known/openid-configuration"] = JsonSerializer.Serialize(new
            {
                issuer = Issuer,
                authorization_endpoint = $"{Issuer}/protocol/openid-connect/auth",
                token_endpoint = $"{Issuer}/protocol/openid-connect/token",
                userinfo_endpoint = $"{Issuer}/protocol/openid-connect/userinfo",
                end_session_endpoint = $"{Issuer}/protocol/openid-connect/logout",
                jwks_uri = $"{Issuer}/protocol/openid-connect/certs",
                id_token_signing_alg_values_supported = new[] { "RS256" },
            }),
            [$"{Issuer}/protocol/openid-connect/certs"] = JsonSerializer.Serialize(jwks),
        };
    }

    public RSA Rsa { get; } = RSA.Create(2048);

    public SigningCredentials SigningCredentials => new(new RsaSecurityKey(Rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(request.RequestUri!.ToString(), out var body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json"), RequestMessage = request }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
}
