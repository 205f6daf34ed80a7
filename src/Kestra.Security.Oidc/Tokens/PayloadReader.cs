using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// One <see cref="Utf8JsonReader"/> pass over an ID token's payload: checks that it is a JSON object without duplicate
/// member names at any depth and picks out the registered claims the checks need. Far cheaper than building a strict <see cref="JsonDocument"/>.
/// </summary>
internal static class PayloadReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static bool TryRead(byte[] payload, out PayloadClaims claims, out string error)
    {
        claims = new PayloadClaims();
        error = string.Empty;
        var names = MemberNameSet.Rent();
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the token's payload is not a JSON object";
                return false;
            }

            names.Push();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.Add(ref reader))
                {
                    error = $"the token's payload has the claim '{reader.GetString()}' twice";
                    return false;
                }

                var claim = Registered(ref reader);
                reader.Read();
                if (!ReadClaim(claim, ref reader, claims, names))
                {
                    error = "the token's payload has a duplicate member inside a claim's value (refused at every depth)";
                    return false;
                }
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
        finally
        {
            MemberNameSet.Return(names);
        }
    }

    private static RegisteredClaim Registered(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("iss"u8) ? RegisteredClaim.Issuer
        : reader.ValueTextEquals("sub"u8) ? RegisteredClaim.Subject
        : reader.ValueTextEquals("aud"u8) ? RegisteredClaim.Audience
        : reader.ValueTextEquals("exp"u8) ? RegisteredClaim.Expiry
        : reader.ValueTextEquals("iat"u8) ? RegisteredClaim.IssuedAt
        : reader.ValueTextEquals("nbf"u8) ? RegisteredClaim.NotBefore
        : reader.ValueTextEquals("azp"u8) ? RegisteredClaim.AuthorizedParty
        : reader.ValueTextEquals("nonce"u8) ? RegisteredClaim.Nonce
        : reader.ValueTextEquals("typ"u8) ? RegisteredClaim.Type
        : RegisteredClaim.None;

    private static bool ReadClaim(RegisteredClaim claim, ref Utf8JsonReader reader, PayloadClaims claims, MemberNameSet names)
    {
        switch (claim)
        {
            case RegisteredClaim.Issuer: claims.Issuer = Value(ref reader); break;
            case RegisteredClaim.Subject: claims.Subject = Value(ref reader); break;
            case RegisteredClaim.AuthorizedParty: claims.AuthorizedParty = Value(ref reader); break;
            case RegisteredClaim.Nonce: claims.Nonce = Value(ref reader); break;
            case RegisteredClaim.Type: claims.Type = Value(ref reader); break;
            case RegisteredClaim.Expiry: claims.Expiry = Value(ref reader); break;
            case RegisteredClaim.IssuedAt: claims.IssuedAt = Value(ref reader); break;
            case RegisteredClaim.NotBefore: claims.NotBefore = Value(ref reader); break;
            case RegisteredClaim.Audience:
                claims.HasAudience = true;
                claims.Audiences = Audiences(ref reader);
                break;
        }

        return names.SkipValue(ref reader);
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
                // An object or array: the caller reads past it (checking its member names).
                return new ClaimValue(reader.TokenType == JsonTokenType.StartArray ? JsonValueKind.Array : JsonValueKind.Object, null, 0);
        }
    }

    /// <summary>The audiences; the reader stays on a non-string value so that the caller reads past it.</summary>
    private static List<string>? Audiences(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        // Look ahead on a copy: an array of strings only is an audience list; anything else stays for the caller's checked skip.
        var ahead = reader;
        var audiences = new List<string>(2);
        while (ahead.Read() && ahead.TokenType == JsonTokenType.String)
        {
            audiences.Add(ahead.GetString()!);
        }

        if (ahead.TokenType != JsonTokenType.EndArray || audiences.Count == 0)
        {
            return null;
        }

        reader = ahead;
        return audiences;
    }

    private enum RegisteredClaim
    {
        None,
        Issuer,
        Subject,
        Audience,
        Expiry,
        IssuedAt,
        NotBefore,
        AuthorizedParty,
        Nonce,
        Type,
    }
}
