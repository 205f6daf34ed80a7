using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;
using Kestra.Security.Oidc.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Kestra.Security.Oidc.Tests.Discovery;

/// <summary>A Keycloak realm in memory: recorded discovery document, a JWKS of test keys, a fake clock, and the library on top.</summary>
internal sealed class DiscoveryTestbed : IDisposable
{
    public const string Client = "keycloak";
    public const string Issuer = "http://localhost:8088/realms/kestra";
    public const string DiscoveryUrl = Issuer + "/.well-known/openid-configuration";
    public const string JwksUrl = Issuer + "/protocol/openid-connect/certs";

    private readonly HttpClient _httpClient;
    private IssuerMetadataProvider? _provider;
    private IdTokenValidator? _validator;

    public DiscoveryTestbed()
    {
        _httpClient = new HttpClient(Http);
        Options.Clients[Client] = new OidcClientOptions { ClientId = "kestra", ClientSecret = "kestra-secret", OpenId = { Issuer = Issuer } };
        Options.KestraUrl = "http://localhost:8080";
        Http.Json(DiscoveryUrl, RecordedDocument("keycloak-26-openid-configuration.json"));
        Http.Json(JwksUrl, TestKey.Jwks(TestKey.Current));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public FakeHttpHandler Http { get; } = new();

    public KestraOidcOptions Options { get; } = new();

    public IssuerMetadataProvider Provider => _provider ??= new IssuerMetadataProvider(Options, _httpClient, Time);

    public IdTokenValidator Validator => _validator ??= new IdTokenValidator(Options, Provider, Time);

    public static string RecordedDocument(string name) => TestFiles.Read("discovery", name);

    public ValueTask<IssuerMetadata> GetAsync() => Provider.GetAsync(Client);

    public ValueTask<IdTokenValidationResult> ValidateAsync(string token, string? nonce = null) =>
        Validator.ValidateAsync(token, Client, nonce is null ? null : new IdTokenValidationContext(nonce));

    public TestTokenBuilder Token() => TestTokenBuilder.IdToken(Time.GetUtcNow());

    /// <summary>Waits for a background fetch or refresh to finish, whether it succeeded or not.</summary>
    public async Task SettleAsync()
    {
        if (Provider.Pending(Client) is { } pending)
        {
            try
            {
                await pending;
            }
            catch (DiscoveryException)
            {
            }
        }
    }

    public void Dispose() => _httpClient.Dispose();
}
