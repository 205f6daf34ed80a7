using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>What the claim checks compare the payload with.</summary>
internal readonly record struct ClaimCheckInput(JsonElement Payload, string Issuer, string ClientId, DateTimeOffset Now, TimeSpan ClockSkew, string? Nonce);
