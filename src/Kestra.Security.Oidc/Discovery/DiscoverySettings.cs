using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// The settings one client's discovery and keys depend on, compared by value: issuer, configuration path, endpoint
/// overrides, discovery options (with the client's back-channel base URL) and the accepted algorithms.
/// </summary>
internal sealed record DiscoverySettings(
    string? Issuer,
    string ConfigurationPath,
    string? JwksUri,
    string? AuthorizationUrl,
    string? TokenUrl,
    string? UserInfoUrl,
    string? EndSessionUrl,
    bool EndSessionEnabled,
    string? IntrospectionUrl,
    bool AllowInsecureHttp,
    TimeSpan Timeout,
    TimeSpan RefreshInterval,
    TimeSpan OutageRetryInterval,
    TimeSpan JwksRefetchCooldown,
    int MaxResponseBytes,
    string? BackChannelBaseUrl,
    string Algorithms)
{
    public static DiscoverySettings Of(string clientName, KestraOidcOptions options)
    {
        var openId = options.Clients[clientName].OpenId;
        var discovery = options.Extensions.Discovery;
        return new DiscoverySettings(
            openId.Issuer,
            openId.ConfigurationPath,
            openId.JwksUri,
            openId.AuthorizationUrl,
            openId.TokenUrl,
            openId.UserInfoUrl,
            openId.EndSessionUrl,
            openId.EndSessionEnabled,
            openId.IntrospectionUrl,
            discovery.AllowInsecureHttp,
            discovery.Timeout,
            discovery.RefreshInterval,
            discovery.OutageRetryInterval,
            discovery.JwksRefetchCooldown,
            discovery.MaxResponseBytes,
            discovery.BackChannelBaseUrls.TryGetValue(clientName, out var backChannel) ? backChannel : null,
            string.Join('\n', options.Extensions.Validation.Algorithms));
    }
}
