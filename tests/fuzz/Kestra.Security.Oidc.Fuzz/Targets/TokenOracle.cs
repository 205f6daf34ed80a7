using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// An independent, deliberately plain re-implementation of SPEC §5's acceptance rules for the <c>token</c> target:
/// it says why a token must be refused, or null when it may be accepted. If the library accepts a token this
/// oracle refuses, a bad token got through.
/// </summary>
internal static class TokenOracle
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);

    public static string? WhyInvalid(string token)
    {
        if (token.Length > 16 * 1024)
        {
            return "over the size cap";
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "not three parts";
        }

        byte[] header, payload, signature;
        try
        {
            header = Base64Url.DecodeFromChars(parts[0]);
            payload = Base64Url.DecodeFromChars(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return "a part is not base64url";
        }

        if (!FuzzIssuer.PublicKey.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "the RS256 signature does not verify with the fixed key";
        }

        try
        {
            using var h = JsonDocument.Parse(header, new JsonDocumentOptions { AllowDuplicateProperties = false });
            using var p = JsonDocument.Parse(payload, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return WhyHeaderInvalid(h.RootElement) ?? WhyClaimsInvalid(p.RootElement);
        }
        catch (JsonException)
        {
            return "the header or payload is not JSON without duplicate names";
        }
    }

    private static string? WhyHeaderInvalid(JsonElement h)
    {
        if (h.ValueKind != JsonValueKind.Object)
        {
            return "the header is not an object";
        }

        if (!h.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256")
        {
            return "alg is not RS256";
        }

        if (h.TryGetProperty("crit", out _))
        {
            return "crit header";
        }

        if (h.TryGetProperty("kid", out var kid) && (kid.ValueKind != JsonValueKind.String || kid.GetString() != FuzzSigningKey.Kid))
        {
            return "kid is not the signing key's";
        }

        if (h.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String && typ.GetString()!.Contains("at+jwt", StringComparison.OrdinalIgnoreCase))
        {
            return "an access token typ";
        }

        return null;
    }

    private static string? WhyClaimsInvalid(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            return "the payload is not an object";
        }

        if (String(p, "iss") != FuzzIssuer.Issuer)
        {
            return "iss";
        }

        var audiences = p.TryGetProperty("aud", out var aud) ? aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array => aud.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : "\0").ToList(),
            _ => new List<string>(),
        } : [];
        if (!audiences.Contains(FuzzIssuer.ClientId))
        {
            return "aud";
        }

        var azp = String(p, "azp");
        if ((p.TryGetProperty("azp", out _) && azp != FuzzIssuer.ClientId) || (audiences.Count > 1 && azp is null))
        {
            return "azp";
        }

        var now = FuzzIssuer.Now.ToUnixTimeSeconds();
        if (!p.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || exp.GetDouble() + Skew.TotalSeconds <= now)
        {
            return "exp";
        }

        if (p.TryGetProperty("nbf", out var nbf) && (nbf.ValueKind != JsonValueKind.Number || nbf.GetDouble() - Skew.TotalSeconds > now))
        {
            return "nbf";
        }

        if (string.IsNullOrEmpty(String(p, "sub")))
        {
            return "sub";
        }

        if (p.TryGetProperty("typ", out var typ) && !string.Equals(typ.ValueKind == JsonValueKind.String ? typ.GetString() : null, "ID", StringComparison.OrdinalIgnoreCase))
        {
            return "typ claim";
        }

        return String(p, "nonce") == FuzzIssuer.Nonce ? null : "nonce";
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
