using System.Collections.Concurrent;
using System.Net;
using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// Resolves each configured client's OpenID provider (SPEC §5) and keeps its metadata and signing keys fresh:
/// one request in flight per document, no redirects, a timeout, a size cap, refresh with jitter, and the last good
/// metadata during outages. Thread-safe; create one per application.
/// </summary>
/// <example>
/// <code>
/// var provider = new IssuerMetadataProvider(options, httpClientFactory);
/// IssuerMetadata metadata = await provider.GetAsync("keycloak", ct);
/// </code>
/// </example>
public sealed class IssuerMetadataProvider
{
    /// <summary>The name of the <see cref="HttpClient"/> taken from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Kestra.Security.Oidc.Discovery";

    private readonly KestraOidcOptions _options;
    private readonly Func<HttpClient> _httpClient;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ClientMetadataCache> _caches = new(StringComparer.Ordinal);
    private readonly ClientMetadataCacheStore _store;

    /// <summary>Creates the provider; HTTP clients come from <paramref name="httpClientFactory"/> under <see cref="HttpClientName"/>.</summary>
    /// <remarks>Configure that client's primary handler with <see cref="CreatePrimaryHandler"/> so that redirects are not followed.</remarks>
    public IssuerMetadataProvider(KestraOidcOptions options, IHttpClientFactory httpClientFactory, TimeProvider? timeProvider = null, ILogger<IssuerMetadataProvider>? logger = null)
        : this(options, () => httpClientFactory.CreateClient(HttpClientName), timeProvider, logger, new ClientMetadataCacheStore())
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
    }

    /// <summary>
    /// Creates the provider on caches shared with the providers of earlier configurations (a reload): a client whose
    /// discovery settings did not change keeps its metadata and keys.
    /// </summary>
    internal IssuerMetadataProvider(
        KestraOidcOptions options, IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<IssuerMetadataProvider>? logger, ClientMetadataCacheStore store)
        : this(options, () => httpClientFactory.CreateClient(HttpClientName), timeProvider, logger, store)
    {
    }

    /// <summary>Creates the provider on one shared <see cref="HttpClient"/> (which should not follow redirects: see <see cref="CreatePrimaryHandler"/>).</summary>
    public IssuerMetadataProvider(KestraOidcOptions options, HttpClient httpClient, TimeProvider? timeProvider = null, ILogger<IssuerMetadataProvider>? logger = null)
        : this(options, () => httpClient, timeProvider, logger, new ClientMetadataCacheStore())
    {
        ArgumentNullException.ThrowIfNull(httpClient);
    }

    private IssuerMetadataProvider(KestraOidcOptions options, Func<HttpClient> httpClient, TimeProvider? timeProvider, ILogger? logger, ClientMetadataCacheStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _httpClient = httpClient;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The client options the provider was created with.</summary>
    public KestraOidcOptions Options => _options;

    /// <summary>A handler for the discovery HTTP client: no redirects, no cookies, no proxy-level surprises.</summary>
    public static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// The metadata of <paramref name="clientName"/>: from the cache while fresh; fetched on first use (concurrent callers share one
    /// request); when stale, served while one background refresh runs; during an outage, the last good metadata.
    /// </summary>
    /// <exception cref="DiscoveryException">No metadata could be obtained, or the configuration forbids the request (see <see cref="DiscoveryException.Code"/>).</exception>
    public ValueTask<IssuerMetadata> GetAsync(string clientName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        try
        {
            return CacheFor(clientName).GetAsync(cancellationToken);
        }
        catch (DiscoveryException ex)
        {
            return ValueTask.FromException<IssuerMetadata>(ex);
        }
    }

    /// <summary>Refetches the JWKS after an unknown <c>kid</c>, at most once per cooldown; <see langword="null"/> while cooling down.</summary>
    internal ValueTask<IssuerMetadata?> RefetchKeysAsync(string clientName, CancellationToken cancellationToken) =>
        CacheFor(clientName).RefetchKeysAsync(cancellationToken);

    /// <summary>An HTTP client of the same configuration as discovery's (no redirects), for the introspection and userinfo calls.</summary>
    internal HttpClient CreateHttpClient() => _httpClient();

    /// <summary>The clock the provider runs on.</summary>
    internal TimeProvider Time => _time;

    /// <summary>The running fetch of <paramref name="clientName"/>, if any.</summary>
    internal Task? Pending(string clientName) => _caches.TryGetValue(clientName, out var cache) ? cache.Pending : null;

    /// <summary>
    /// The cache of <paramref name="clientName"/>, created on first use: its <see cref="ClientMetadataCache.Plan"/> holds the issuer as
    /// configured (known without discovery), for the checks made before any request. The token pipeline looks it up once per token.
    /// </summary>
    /// <exception cref="DiscoveryException">No such client, or its configuration forbids any request.</exception>
    internal ClientMetadataCache CacheFor(string clientName) =>
        _caches.TryGetValue(clientName, out var cache) ? cache : CreateCache(clientName);

    /// <summary>The first use of a client (its own method: the factory's closure is then not allocated on every lookup).</summary>
    private ClientMetadataCache CreateCache(string clientName)
    {
        var plan = ClientDiscoveryPlan.Create(clientName, _options);
        var shared = _store.GetOrCreate(clientName, DiscoverySettings.Of(clientName, _options), () =>
        {
            var discovery = _options.Extensions.Discovery;
            var loader = new MetadataLoader(plan, new JsonDocumentFetcher(_httpClient, discovery, _time), _options.Extensions.Validation, _time);
            return new ClientMetadataCache(loader, discovery, _time, _logger);
        });
        return _caches.GetOrAdd(clientName, shared);
    }
}
