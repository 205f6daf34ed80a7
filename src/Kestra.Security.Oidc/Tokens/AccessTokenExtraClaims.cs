using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The top-level claims the access-token profile needs beyond what <see cref="PayloadReader"/> reads (<c>iat</c>,
/// <c>client_id</c>, <c>at_hash</c>), read in one more pass over a payload that is already known to be strict JSON.
/// </summary>
internal readonly record struct AccessTokenExtraClaims(ClaimValue IssuedAt, ClaimValue ClientId, bool HasAtHash)
{
    public static AccessTokenExtraClaims Read(byte[] payload)
    {
        ClaimValue issuedAt = default, clientId = default;
        var atHash = false;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIat = reader.ValueTextEquals("iat"u8);
            var isClientId = !isIat && reader.ValueTextEquals("client_id"u8);
            atHash |= !isIat && !isClientId && reader.ValueTextEquals("at_hash"u8);
            reader.Read();
            if (isIat)
            {
                issuedAt = Value(ref reader);
            }
            else if (isClientId)
            {
                clientId = Value(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return new AccessTokenExtraClaims(issuedAt, clientId, atHash);
    }

    private static ClaimValue Value(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ClaimValue(JsonValueKind.String, reader.GetString(), 0);
            case JsonTokenType.Number:
                return new ClaimValue(JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan), reader.TryGetDouble(out var number) ? number : double.NaN);
            default:
                var kind = reader.TokenType switch
                {
                    JsonTokenType.True => JsonValueKind.True,
                    JsonTokenType.False => JsonValueKind.False,
                    JsonTokenType.Null => JsonValueKind.Null,
                    JsonTokenType.StartArray => JsonValueKind.Array,
                    _ => JsonValueKind.Object,
                };
                reader.Skip();
                return new ClaimValue(kind, null, 0);
        }
    }
}
