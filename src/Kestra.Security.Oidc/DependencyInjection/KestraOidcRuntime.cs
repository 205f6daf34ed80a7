using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.State;
using Kestra.Security.Oidc.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.DependencyInjection;

/// <summary>
/// The services built from the current options; rebuilt when the options change (a reloaded YAML file), so a host
/// always resolves against the last good configuration.
/// </summary>
internal sealed class KestraOidcRuntime : IKestraOidcAuthenticator, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly IDisposable? _subscription;
    private readonly IntrospectionCache _introspectionCache;
    private readonly ClientMetadataCacheStore _metadataCaches = new();
    private volatile Parts _current;

    public KestraOidcRuntime(IServiceProvider services, IOptionsMonitor<KestraOidcOptions> monitor)
    {
        _services = services;

        // Outlives configuration reloads: entries are checked against the client and issuer they were made for.
        // (The discovery and JWKS caches in _metadataCaches outlive them too, per client, while its discovery settings stay the same.)
        _introspectionCache = new IntrospectionCache(services.GetRequiredService<TimeProvider>(), monitor.CurrentValue.Extensions.Introspection.CacheSize);
        _current = Build(monitor.CurrentValue);
        _subscription = monitor.OnChange(options => _current = Build(options));
    }

    public Parts Current => _current;

    public ValueTask<KestraAuthenticationResult> AuthenticateAsync(
        string idToken, string? clientName = null, KestraAuthenticationContext? context = null, CancellationToken cancellationToken = default) =>
        _current.Authenticator.AuthenticateAsync(idToken, clientName, context, cancellationToken);

    public ValueTask<KestraAuthenticationResult> AuthenticateAccessTokenAsync(string accessToken, string? clientName = null, CancellationToken cancellationToken = default) =>
        _current.Authenticator.AuthenticateAccessTokenAsync(accessToken, clientName, cancellationToken);

    public void Dispose() => _subscription?.Dispose();

    private Parts Build(KestraOidcOptions options)
    {
        var time = _services.GetRequiredService<TimeProvider>();
        var metadata = new IssuerMetadataProvider(
            options,
            _services.GetRequiredService<IHttpClientFactory>(),
            time,
            _services.GetService<ILogger<IssuerMetadataProvider>>(),
            _metadataCaches);
        var validator = new IdTokenValidator(options, metadata, time, _services.GetService<ILogger<IdTokenValidator>>());
        var resolver = new KestraRoleResolver(options, _services.GetService<IGroupRoleBindingSource>());
        var authenticator = new KestraOidcAuthenticator(options, validator, resolver, _introspectionCache, _services.GetService<ILoggerFactory>());
        var logoutValidator = new LogoutTokenValidator(options, metadata, _services.GetRequiredService<IReplayCache>(), time, _services.GetService<ILogger<LogoutTokenValidator>>());
        return new Parts(options, metadata, validator, resolver, new KestraEndpoints(options), authenticator, logoutValidator);
    }

    internal sealed record Parts(
        KestraOidcOptions Options,
        IssuerMetadataProvider Metadata,
        IdTokenValidator Validator,
        KestraRoleResolver Resolver,
        KestraEndpoints Endpoints,
        KestraOidcAuthenticator Authenticator,
        LogoutTokenValidator LogoutValidator)
    {
        public AccessTokenValidator AccessTokenValidator => Authenticator.AccessTokenValidator;
    }
}
