using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// Turns a reader failure into a <see cref="ClaimsPayloadException"/> that says whether the payload is malformed or
/// too deep, by re-reading it with no depth limit (iteratively, so a 5,000-deep payload cannot overflow the stack).
/// </summary>
internal static class PayloadErrors
{
    public static ClaimsPayloadException Describe(ReadOnlySpan<byte> utf8Json, JsonException original, JsonReaderOptions options)
    {
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new ClaimsPayloadException(ClaimsPayloadException.MalformedCode, "the claims payload is empty", 0, original);
        }

        var relaxed = new Utf8JsonReader(utf8Json, options with { MaxDepth = int.MaxValue });
        try
        {
            while (relaxed.Read())
            {
                if ((relaxed.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && relaxed.CurrentDepth >= options.MaxDepth)
                {
                    return new ClaimsPayloadException(
                        ClaimsPayloadException.TooDeepCode,
                        $"the claims payload is nested deeper than {options.MaxDepth} levels (at byte {relaxed.TokenStartIndex}); raise MaxDepth only if the identity provider really sends this",
                        relaxed.TokenStartIndex,
                        original);
                }
            }
        }
        catch (JsonException ex)
        {
            return Malformed(ex.Message, relaxed.BytesConsumed, ex);
        }

        return Malformed(original.Message, null, original);
    }

    private static ClaimsPayloadException Malformed(string detail, long? position, JsonException inner) =>
        new(ClaimsPayloadException.MalformedCode, $"the claims payload is not valid JSON: {detail}", position, inner);
}
