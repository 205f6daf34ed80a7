using System.Buffers;
using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.State;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>
/// A revocation as Redis holds it (a member of the sorted set, and the pub/sub payload):
/// <c>[1, iss, sid|null, sub|null, revokedAtMs, retainUntilMs]</c>. Equal revocations give equal members.
/// </summary>
internal static class RevocationMessage
{
    private const int Version = 1;

    public static string Encode(SessionRevocation revocation)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(Version);
            writer.WriteStringValue(revocation.Issuer);
            WriteOptional(writer, revocation.SessionId);
            WriteOptional(writer, revocation.Subject);
            writer.WriteNumberValue(revocation.RevokedAt.ToUnixTimeMilliseconds());
            writer.WriteNumberValue(revocation.RetainUntil.ToUnixTimeMilliseconds());
            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static bool TryDecode(string? text, out SessionRevocation revocation)
    {
        revocation = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 16 * 1024)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 6
                || root[0].ValueKind != JsonValueKind.Number || root[0].GetInt32() != Version
                || root[1].ValueKind != JsonValueKind.String
                || !TryReadOptional(root[2], out var sid) || !TryReadOptional(root[3], out var sub) || (sid is null && sub is null)
                || !root[4].TryGetInt64(out var revokedAt) || !root[5].TryGetInt64(out var retainUntil))
            {
                return false;
            }

            revocation = new SessionRevocation(root[1].GetString()!, sid, sub,
                DateTimeOffset.FromUnixTimeMilliseconds(revokedAt), DateTimeOffset.FromUnixTimeMilliseconds(retainUntil));
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentOutOfRangeException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static bool TryReadOptional(JsonElement element, out string? value)
    {
        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return element.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }
}
