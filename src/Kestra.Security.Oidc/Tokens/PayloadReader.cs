using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// One <see cref="Utf8JsonReader"/> pass over an ID token's payload: checks that it is a JSON object without duplicate
/// top-level claims and picks out the registered claims the checks need. Far cheaper than building a strict <see cref="JsonDocument"/>.
/// </summary>
internal static class PayloadReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static bool TryRead(byte[] payload, out PayloadClaims claims, out string error)
    {
        claims = new PayloadClaims();
        error = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the token's payload is not a JSON object";
                return false;
            }

            var seen = new ClaimNameSet(payload);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var escaped = reader.ValueIsEscaped;
                ReadOnlySpan<byte> name = escaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                if (!seen.Add(name, escaped ? -1 : (int)reader.TokenStartIndex + 1))
                {
                    error = $"the token's payload has the claim '{reader.GetString()}' twice";
                    return false;
                }

                reader.Read();
                ReadClaim(name, ref reader, claims);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "the token's payload is not a single JSON object";
                return false;
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = $"the token's payload is not valid JSON ({ex.Message})";
            return false;
        }
        catch (InvalidOperationException)
        {
            // GetString: invalid UTF-8 or an unpaired surrogate escape ("\ud800") in a claim (found by the fuzz seed tests).
            error = "the token's payload holds a string that is not valid UTF-8 or has an unpaired surrogate escape";
            return false;
        }
    }

    private static void ReadClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader reader, PayloadClaims claims)
    {
        switch (name)
        {
            case var n when n.SequenceEqual("iss"u8): claims.Issuer = Value(ref reader); break;
            case var n when n.SequenceEqual("sub"u8): claims.Subject = Value(ref reader); break;
            case var n when n.SequenceEqual("azp"u8): claims.AuthorizedParty = Value(ref reader); break;
            case var n when n.SequenceEqual("nonce"u8): claims.Nonce = Value(ref reader); break;
            case var n when n.SequenceEqual("typ"u8): claims.Type = Value(ref reader); break;
            case var n when n.SequenceEqual("exp"u8): claims.Expiry = Value(ref reader); break;
            case var n when n.SequenceEqual("nbf"u8): claims.NotBefore = Value(ref reader); break;
            case var n when n.SequenceEqual("aud"u8):
                claims.HasAudience = true;
                claims.Audiences = Audiences(ref reader);
                break;
            default: reader.Skip(); break;
        }
    }

    private static ClaimValue Value(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ClaimValue(JsonValueKind.String, reader.GetString(), 0);
            case JsonTokenType.Number:
                return new ClaimValue(JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan), reader.TryGetDouble(out var number) ? number : double.NaN);
            case JsonTokenType.True:
                return new ClaimValue(JsonValueKind.True, "true", 0);
            case JsonTokenType.False:
                return new ClaimValue(JsonValueKind.False, "false", 0);
            case JsonTokenType.Null:
                return new ClaimValue(JsonValueKind.Null, "null", 0);
            default:
                var kind = reader.TokenType == JsonTokenType.StartArray ? JsonValueKind.Array : JsonValueKind.Object;
                reader.Skip();
                return new ClaimValue(kind, null, 0);
        }
    }

    private static List<string>? Audiences(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var audiences = new List<string>(2);
        var valid = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                audiences.Add(reader.GetString()!);
            }
            else
            {
                valid = false;
                reader.Skip();
            }
        }

        return valid && audiences.Count > 0 ? audiences : null;
    }
}
