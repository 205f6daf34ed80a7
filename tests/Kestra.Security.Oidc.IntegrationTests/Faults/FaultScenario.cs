using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>
/// One library instance (metadata provider and ID-token validator) pointed at one realm of the fault server, with
/// short settings so that faults resolve in well under a second: timeout 1 s, refresh 300 ms, outage retry 100 ms.
/// </summary>
public sealed class FaultScenario : IDisposable
{
    public const string ClientName = "keycloak";
    public const string ClientId = "kestra";

    private readonly HttpClient _http;

    public FaultScenario(FaultServer server, string realm, Action<DiscoveryOptions>? configure = null)
    {
        Server = server;
        Realm = realm;
        Options = new KestraOidcOptions();
        Options.Clients[ClientName] = new OidcClientOptions { ClientId = ClientId, OpenId = new OpenIdProviderOptions { Issuer = server.IssuerOf(realm).AbsoluteUri } };
        var discovery = Options.Extensions.Discovery;
        discovery.Timeout = TimeSpan.FromSeconds(1);
        discovery.RefreshInterval = TimeSpan.FromMilliseconds(300);
        discovery.OutageRetryInterval = TimeSpan.FromMilliseconds(100);
        discovery.JwksRefetchCooldown = TimeSpan.FromMilliseconds(300);
        discovery.MaxResponseBytes = 256 * 1024;
        configure?.Invoke(discovery);
        _http = new HttpClient(IssuerMetadataProvider.CreatePrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        Provider = new IssuerMetadataProvider(Options, _http);
        Validator = new IdTokenValidator(Options, Provider);
    }

    public FaultServer Server { get; }

    public string Realm { get; }

    public KestraOidcOptions Options { get; }

    public IssuerMetadataProvider Provider { get; }

    public IdTokenValidator Validator { get; }

    public ValueTask<IssuerMetadata> GetAsync() => Provider.GetAsync(ClientName);

    /// <summary>
    /// The first good metadata, before a test sets its fault: polled, because on a loaded machine the first fetch can
    /// miss the scenario's 1 s timeout although the provider is healthy.
    /// </summary>
    public async Task<IssuerMetadata> WarmAsync() => (await PollAsync((m, _) => m is not null)).Metadata!;

    /// <summary>Calls <see cref="GetAsync"/> until <paramref name="done"/> holds for what it returns (or for its failure), at most 30 s.</summary>
    public async Task<(IssuerMetadata? Metadata, DiscoveryException? Error)> PollAsync(Func<IssuerMetadata?, DiscoveryException?, bool> done)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            IssuerMetadata? metadata = null;
            DiscoveryException? error = null;
            try
            {
                metadata = await GetAsync().AsTask().WaitAsync(limit.Token);
            }
            catch (DiscoveryException ex)
            {
                error = ex;
            }

            if (done(metadata, error))
            {
                return (metadata, error);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), limit.Token);
        }
    }

    public void Dispose() => _http.Dispose();
}
