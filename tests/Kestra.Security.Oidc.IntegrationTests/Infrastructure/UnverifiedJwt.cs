using System.Buffers.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// A compact JWS split and base64url-decoded, signature NOT checked: for asserting what the provider
/// issued. Validating tokens is the library's job.
/// </summary>
public sealed record UnverifiedJwt(JsonElement Header, JsonElement Payload)
{
    public static UnverifiedJwt Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException($"Expected a compact JWS with 3 parts, got {parts.Length}.");
        }

        return new UnverifiedJwt(Part(parts[0]), Part(parts[1]));
    }

    public string? Kid => Header.TryGetProperty("kid", out var kid) ? kid.GetString() : null;

    public string? Algorithm => Header.TryGetProperty("alg", out var alg) ? alg.GetString() : null;

    /// <summary><c>aud</c> as a list, whether the token carries a string or an array.</summary>
    public IReadOnlyList<string> Audiences =>
        !Payload.TryGetProperty("aud", out var aud) ? []
        : aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Select(a => a.GetString()!).ToList()
        : [aud.GetString()!];

    public string? StringClaim(string name) =>
        Payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement Part(string base64Url)
    {
        var bytes = Base64Url.DecodeFromChars(base64Url);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }
}
