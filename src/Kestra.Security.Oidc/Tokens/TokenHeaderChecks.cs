using System.Buffers.Text;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Form and header checks: compact JWS of three base64url parts, a JSON header without duplicates, an allowed <c>alg</c>, no <c>crit</c>,
/// not an <c>at+jwt</c>. Key-bearing headers (<c>jku</c>, <c>x5u</c>, <c>jwk</c>) are ignored.
/// </summary>
internal static class TokenHeaderChecks
{
    public static bool TryCheck(string token, FrozenSet<string> algorithms, out TokenHeader header, out byte[] payload, out IdTokenCheck failure, out string message)
    {
        header = default;
        payload = [];
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return Fail(IdTokenCheck.Format, token.AsSpan().Count('.') == 4
                ? "the token is encrypted (JWE); encrypted ID tokens are not supported, turn off ID-token encryption for the client"
                : "the token is not a JWT in compact form (three base64url parts separated by dots)", out failure, out message);
        }

        byte[] headerBytes;
        try
        {
            headerBytes = Base64Url.DecodeFromChars(token.AsSpan(0, first));
            payload = Base64Url.DecodeFromChars(token.AsSpan(first + 1, second - first - 1));
        }
        catch (FormatException)
        {
            return Fail(IdTokenCheck.Format, "the token's header or payload is not base64url", out failure, out message);
        }

        if (!TryRead(headerBytes, out header, out var error))
        {
            return Fail(IdTokenCheck.Format, error, out failure, out message);
        }

        var alg = header.Alg;
        if (string.IsNullOrEmpty(alg) || !algorithms.Contains(alg))
        {
            var why = string.IsNullOrEmpty(alg) ? "the token has no 'alg' header"
                : alg.Equals("none", StringComparison.OrdinalIgnoreCase) ? "the token is unsigned ('alg: none')"
                : alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase) ? $"the token is signed with the symmetric '{alg}', never accepted for ID tokens verified with the provider's public keys"
                : $"the token's algorithm '{alg}' is not allowed";
            return Fail(IdTokenCheck.Algorithm, $"{why}; allowed: {string.Join(", ", algorithms)} ('kestra-security-oidc.validation.algorithms')", out failure, out message);
        }

        if (header.HasCrit)
        {
            return Fail(IdTokenCheck.CriticalHeader, "the token's header has 'crit' parameters the library does not understand; it must be refused (RFC 7515 §4.1.11)", out failure, out message);
        }

        if (header.Typ is { } typ && (typ.Equals("at+jwt", StringComparison.OrdinalIgnoreCase) || typ.Equals("application/at+jwt", StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(IdTokenCheck.TokenType, $"the token's 'typ' header is '{typ}': an access token, not an ID token; pass the id_token of the token response", out failure, out message);
        }

        failure = default;
        message = string.Empty;
        return true;
    }

    private static bool TryRead(byte[] json, out TokenHeader header, out string error)
    {
        header = default;
        error = "the token's header is not a JSON object without duplicate parameters";
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = new ClaimNameSet(json);
            string? alg = null, kid = null, typ = null;
            var crit = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var escaped = reader.ValueIsEscaped;
                ReadOnlySpan<byte> name = escaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                if (!seen.Add(name, escaped ? -1 : (int)reader.TokenStartIndex + 1))
                {
                    return false;
                }

                var isAlg = name.SequenceEqual("alg"u8);
                var isKid = name.SequenceEqual("kid"u8);
                var isTyp = name.SequenceEqual("typ"u8);
                crit |= name.SequenceEqual("crit"u8);
                reader.Read();
                var text = reader.TokenType == JsonTokenType.String && (isAlg || isKid || isTyp) ? reader.GetString() : null;
                reader.Skip();
                alg = isAlg ? text ?? string.Empty : alg;
                kid = isKid ? text : kid;
                typ = isTyp ? text : typ;
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }

            header = new TokenHeader(alg, kid, typ, crit);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // GetString throws InvalidOperationException for invalid UTF-8 or an unpaired surrogate escape ("\ud800"):
            // found by the fuzz seed tests (docs/reliability.md).
            return false;
        }
    }

    private static bool Fail(IdTokenCheck check, string text, out IdTokenCheck failure, out string message)
    {
        failure = check;
        message = text;
        return false;
    }
}
