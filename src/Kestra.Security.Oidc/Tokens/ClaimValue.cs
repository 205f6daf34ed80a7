using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>One claim as read: its JSON kind, its string value (strings), its number (numbers), or a short text for messages.</summary>
internal readonly record struct ClaimValue(JsonValueKind Kind, string? Text, double Number)
{
    public bool IsPresent => Kind != JsonValueKind.Undefined;

    public bool IsString => Kind == JsonValueKind.String;

    /// <summary>How the claim reads in a message: a quoted string, a number, or the JSON kind.</summary>
    public string Describe() => Kind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.String => $"\"{Text}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => Text ?? Kind.ToString().ToLowerInvariant(),
        _ => $"an {Kind.ToString().ToLowerInvariant()}",
    };
}
