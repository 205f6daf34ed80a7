using System.Collections.Frozen;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Form and header checks: compact JWS of three base64url parts, a JSON header without duplicates, an allowed <c>alg</c>, no <c>crit</c>,
/// not an <c>at+jwt</c>. Key-bearing headers (<c>jku</c>, <c>x5u</c>, <c>jwk</c>) are ignored.
/// </summary>
internal static class TokenHeaderChecks
{
    public static bool TryCheck(string token, FrozenSet<string> algorithms, out TokenHeader header, out byte[] payload, out byte[] signature, out IdTokenCheck failure, out string message)
    {
        header = default;
        payload = [];
        signature = [];
        if (!CompactJws.TrySplit(token, out var first, out var second))
        {
            return Fail(IdTokenCheck.Format, token.AsSpan().Count('.') == 4
                ? "the token is encrypted (JWE); encrypted ID tokens are not supported, turn off ID-token encryption for the client"
                : "the token is not a JWT in compact form (three base64url parts separated by dots)", out failure, out message);
        }

        var headerPart = token.AsSpan(0, first);
        var payloadPart = token.AsSpan(first + 1, second - first - 1);
        var signaturePart = token.AsSpan(second + 1);
        if (!CompactJws.IsStrictBase64Url(headerPart) || !CompactJws.IsStrictBase64Url(payloadPart) || !CompactJws.IsStrictBase64Url(signaturePart))
        {
            return Fail(IdTokenCheck.Format, "a part of the token is not unpadded base64url (padding '=', spaces, line breaks or other characters; RFC 7515 §7.1)", out failure, out message);
        }

        var headerBytes = CompactJws.Decode(headerPart);
        payload = CompactJws.Decode(payloadPart);
        signature = CompactJws.Decode(signaturePart);
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
        var names = MemberNameSet.Rent();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            names.Push();
            string? alg = null, kid = null, typ = null;
            var crit = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.Add(ref reader))
                {
                    error = $"the token's header has the parameter '{reader.GetString()}' twice";
                    return false;
                }

                var isAlg = reader.ValueTextEquals("alg"u8);
                var isKid = reader.ValueTextEquals("kid"u8);
                var isTyp = reader.ValueTextEquals("typ"u8);
                crit |= reader.ValueTextEquals("crit"u8);
                reader.Read();
                var text = reader.TokenType == JsonTokenType.String && (isAlg || isKid || isTyp) ? reader.GetString() : null;
                if (isKid && text is not { Length: > 0 })
                {
                    error = "the token's 'kid' header is not a non-empty string";
                    return false;
                }

                if (!names.SkipValue(ref reader))
                {
                    error = "the token's header has a duplicate member inside a parameter's value";
                    return false;
                }

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
        finally
        {
            MemberNameSet.Return(names);
        }
    }

    private static bool Fail(IdTokenCheck check, string text, out IdTokenCheck failure, out string message)
    {
        failure = check;
        message = text;
        return false;
    }
}
