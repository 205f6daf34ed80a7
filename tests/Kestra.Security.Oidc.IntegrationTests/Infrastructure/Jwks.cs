using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>The provider's published keys, as the tests need to see them (public parts only).</summary>
public static class Jwks
{
    public static async Task<IReadOnlyList<JsonWebKeySummary>> FetchAsync(
        OidcProviderServer server, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var flow = server.CreateFlow();
        var discovery = await flow.GetDiscoveryDocumentAsync(cancellationToken);
        using var http = new HttpClient();
        var set = await http.GetFromJsonAsync<KeySet>(new Uri(discovery.GetProperty("jwks_uri").GetString()!), cancellationToken);
        return set?.Keys ?? [];
    }

    private sealed record KeySet([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeySummary> Keys);
}
