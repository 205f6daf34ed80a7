using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.WebSample.Routes;

/// <summary>Which configured client a route's <c>{provider}</c> names; the only enabled client when the route has none.</summary>
internal static class ClientSelection
{
    public static string? Find(KestraOidcOptions options, string? provider)
    {
        if (!options.Enabled)
        {
            return null;
        }

        if (provider is not null)
        {
            return options.Clients.TryGetValue(provider, out var client) && client.Enabled ? provider : null;
        }

        var enabled = EnabledClients(options);
        return enabled.Count == 1 ? enabled[0] : null;
    }

    public static IReadOnlyList<string> EnabledClients(KestraOidcOptions options) =>
        options.Enabled
            ? [.. options.Clients.Where(c => c.Value.Enabled).Select(c => c.Key).Order(StringComparer.Ordinal)]
            : [];
}
