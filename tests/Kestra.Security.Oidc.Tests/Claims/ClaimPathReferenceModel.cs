using System.Text.Json;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

/// <summary>
/// A slow, obvious implementation of SPEC §3 (default options) over <see cref="JsonDocument"/>: the property tests
/// check that the streaming evaluator agrees with it on generated documents (which have no duplicate keys).
/// </summary>
internal static class ClaimPathReferenceModel
{
    public static List<string> Evaluate(ClaimPath path, string json)
    {
        using var document = JsonDocument.Parse(json);
        var found = new List<string>();
        var root = document.RootElement;
        if (root.TryGetProperty(path.Text, out var literal))
        {
            Leaf(literal, found);
        }
        else
        {
            Walk(root, path.Segments, 0, found);
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Walk(JsonElement value, PathSegment[] segments, int seg, List<string> found)
    {
        if (seg == segments.Length)
        {
            Leaf(value, found);
            return;
        }

        var segment = segments[seg];
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.TrimStart(' ', '\t', '\r', '\n');
            if (text.StartsWith('{') || text.StartsWith('['))
            {
                try
                {
                    using var inner = JsonDocument.Parse(text);
                    Walk(inner.RootElement, segments, seg, found);
                }
                catch (JsonException)
                {
                }
            }

            return;
        }

        switch (segment.Kind)
        {
            case SegmentKind.Property or SegmentKind.PointerToken when value.ValueKind == JsonValueKind.Object:
                if (value.TryGetProperty(segment.Name, out var member))
                {
                    Walk(member, segments, seg + 1, found);
                }

                break;
            case SegmentKind.Index or SegmentKind.PointerToken when value.ValueKind == JsonValueKind.Array:
                var index = segment.Index < 0 && segment.Kind == SegmentKind.Index ? value.GetArrayLength() + segment.Index : segment.Index;
                if (index >= 0 && index < value.GetArrayLength())
                {
                    Walk(value[index], segments, seg + 1, found);
                }

                break;
            case SegmentKind.Wildcard when value.ValueKind == JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, segments, seg + 1, found);
                }

                break;
        }
    }

    private static void Leaf(JsonElement value, List<string> found)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } single)
        {
            found.Add(single);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            found.AddRange(value.EnumerateArray()
                .Where(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length > 0)
                .Select(i => i.GetString()!));
        }
    }
}
