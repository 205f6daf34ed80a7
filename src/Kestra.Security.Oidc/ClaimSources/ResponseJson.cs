using System.Text.Json;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>Reads an introspection or userinfo answer: a single JSON object without duplicate members, or a typed error.</summary>
internal static class ResponseJson
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    public static JsonDocument ParseObject(BackChannelResponse response, string what)
    {
        if (response.ContentType is { } type && !MediaTypes.IsJson(type))
        {
            throw NotJson(response, what, $"with '{type}', not JSON{MediaTypes.HintFor(type)}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(response.Body, s_options);
        }
        catch (JsonException ex)
        {
            throw NotJson(response, what, $"with a body that is not valid JSON ({ex.Message})");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw NotJson(response, what, $"with a JSON {kind.ToString().ToLowerInvariant()}, not an object");
        }

        return document;
    }

    public static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static DateTimeOffset? Date(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is >= 0 and <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static ClaimSourceException NotJson(BackChannelResponse response, string what, string detail) =>
        new(ClaimSourceErrorCodes.NotJson,
            $"the {what} at '{response.Url}' answered {response.Status} {detail} ({response.Describe()}); check the URL and the provider",
            response.Url, response.Status, response.ContentType, response.Body.Length);
}
