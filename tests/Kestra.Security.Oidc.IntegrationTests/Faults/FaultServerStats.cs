using System.Text.Json.Serialization;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>What the fault server counted for one realm: requests per document and how each was answered.</summary>
public sealed record FaultServerStats(
    [property: JsonPropertyName("discovery")] int DiscoveryRequests,
    [property: JsonPropertyName("jwks")] int JwksRequests,
    [property: JsonPropertyName("answered")] IReadOnlyDictionary<string, int> Answered,
    [property: JsonPropertyName("signingKid")] string SigningKid,
    [property: JsonPropertyName("publishedKids")] IReadOnlyList<string> PublishedKids);
