using Kestra.Security.Oidc.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// ASP.NET Core's handlers read provider metadata through this adapter over the library's <see cref="IssuerMetadataProvider"/>,
/// so discovery follows the library's rules (issuer pinning, no redirects, size and content-type limits, back-channel base
/// URLs, its refresh and unknown-key refetch) — there is no second <c>ConfigurationManager</c> with other rules.
/// </summary>
internal sealed class KestraConfigurationManager(IServiceProvider services, Func<string> client) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private (IssuerMetadata Metadata, OpenIdConnectConfiguration Configuration)? _last;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        // The provider of the current configuration: a reloaded YAML file applies to the next request.
        var metadata = await services.GetRequiredService<IssuerMetadataProvider>().GetAsync(client(), cancel).ConfigureAwait(false);
        var last = _last;
        if (last is { } cached && ReferenceEquals(cached.Metadata, metadata))
        {
            return cached.Configuration;
        }

        var configuration = Map(metadata);
        _last = (metadata, configuration);
        return configuration;
    }

    /// <summary>Nothing to do: the library refreshes on its own schedule and refetches keys when a token names an unknown key.</summary>
    public void RequestRefresh()
    {
    }

    internal static OpenIdConnectConfiguration Map(IssuerMetadata metadata)
    {
        var configuration = new OpenIdConnectConfiguration
        {
            Issuer = metadata.Issuer,
            JwksUri = metadata.JwksUri.AbsoluteUri,
            AuthorizationEndpoint = metadata.AuthorizationEndpoint?.AbsoluteUri,
            TokenEndpoint = metadata.TokenEndpoint?.AbsoluteUri,
            UserInfoEndpoint = metadata.UserInfoEndpoint?.AbsoluteUri,
            EndSessionEndpoint = metadata.EndSessionEndpoint?.AbsoluteUri,
        };
        foreach (var key in metadata.SigningKeys)
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }
}
