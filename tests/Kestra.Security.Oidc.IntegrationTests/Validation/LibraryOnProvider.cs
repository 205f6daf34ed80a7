using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary>The library's discovery and validator configured for a running test provider, as a Kestra host would configure them.</summary>
internal sealed class LibraryOnProvider : IDisposable
{
    public const string Client = "kestra";

    private readonly RequestCounter _counter = new(IssuerMetadataProvider.CreatePrimaryHandler());
    private readonly HttpClient _http;

    public LibraryOnProvider(OidcProviderServer server, Action<KestraOidcOptions>? configure = null)
    {
        _http = new HttpClient(_counter);
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

    /// <summary>How many requests the library sent to URLs whose path ends with <paramref name="pathSuffix"/> (e.g. "/certs").</summary>
    public int RequestsTo(string pathSuffix) => _counter.CountEndingWith(pathSuffix);

    public ValueTask<IdTokenValidationResult> ValidateAsync(TokenSet tokens, string? nonce = null) =>
        Validator.ValidateAsync(tokens.IdToken, Client, new IdTokenValidationContext(nonce ?? tokens.Nonce));

    public void Dispose() => _http.Dispose();

    private sealed class RequestCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _paths = new();

        public int CountEndingWith(string suffix) => _paths.Count(p => p.EndsWith(suffix, StringComparison.Ordinal));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _paths.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
