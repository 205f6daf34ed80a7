using System.Text.Json.Serialization;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>One JWKS entry: identity and purpose, not the key material.</summary>
public sealed record JsonWebKeySummary(
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string? Use,
    [property: JsonPropertyName("alg")] string? Alg);
