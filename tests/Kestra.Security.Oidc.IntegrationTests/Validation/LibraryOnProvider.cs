using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary>The library's discovery and validator configured for a running test provider, as a Kestra host would configure them.</summary>
internal sealed class LibraryOnProvider : IDisposable
{
    public const string Client = "kestra";

    private readonly HttpClient _http = new(IssuerMetadataProvider.CreatePrimaryHandler());

    public LibraryOnProvider(OidcProviderServer server, Action<KestraOidcOptions>? configure = null)
    {
        Options = new KestraOidcOptions { KestraUrl = OidcProviderServerOptions.DefaultKestraUrl };
        Options.Clients[Client] = new OidcClientOptions
        {
            ClientId = server.ClientId,
            ClientSecret = server.ClientSecret,
            OpenId = { Issuer = server.Issuer.OriginalString },
        };
        configure?.Invoke(Options);
        Metadata = new IssuerMetadataProvider(Options, _http);
        Validator = new IdTokenValidator(Options, Metadata);
    }

    public KestraOidcOptions Options { get; }

    public IssuerMetadataProvider Metadata { get; }

    public IdTokenValidator Validator { get; }

    public ValueTask<IdTokenValidationResult> ValidateAsync(TokenSet tokens, string? nonce = null) =>
        Validator.ValidateAsync(tokens.IdToken, Client, new IdTokenValidationContext(nonce ?? tokens.Nonce));

    public void Dispose() => _http.Dispose();
}
