using System.Globalization;
using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// The text of every <see cref="ClaimPathDiagnostic"/>. Paths are shown in backticks in canonical form; a value
/// reached through the literal top-level claim rule is shown as the path text itself.
/// </summary>
internal static class ClaimPathMessages
{
    private const int Literal = -1;

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "not a value",
    };

    public static string Missing(ClaimPath path, int seg, string? near)
    {
        var name = path.Segments[seg].Name;
        var text = seg == 0 ? $"the payload has no claim `{name}`" : $"`{Where(path, seg)}` exists but has no `{name}`";
        return near is null ? text : $"{text}; did you mean `{Replace(path, seg, near)}`?";
    }

    public static string Duplicate(ClaimPath path, int seg) =>
        $"{Subject(path, seg)} has the key `{path.Segments[seg].Name}` more than once; the first one is used";

    public static string OutOfRange(ClaimPath path, int seg, int count) => Invariant(
        $"{Subject(path, seg)} has {count} item{(count == 1 ? "" : "s")}; index {path.Segments[seg].Index} is out of range");

    public static string WrongShape(ClaimPath path, int seg, JsonTokenType token)
    {
        var segment = path.Segments[seg];
        var subject = Subject(path, seg);
        if (segment.Kind is SegmentKind.Index or SegmentKind.Wildcard)
        {
            return $"{subject} is {Describe(token)}, not an array; `{ClaimPathFormatter.Format([segment], 1)}` needs an array";
        }

        if (token == JsonTokenType.StartArray && segment.Kind == SegmentKind.PointerToken)
        {
            return $"{subject} is an array and `{segment.Name}` is not an array index";
        }

        if (token == JsonTokenType.StartArray)
        {
            return $"{subject} is an array, not an object; did you mean `{InsertProjection(path, seg)}`?";
        }

        var hint = token == JsonTokenType.String ? " (and does not hold a JSON object or array)" : string.Empty;
        return $"{subject} is {Describe(token)}{hint}; cannot read `{segment.Name}` from it";
    }

    public static string ObjectLeaf(ClaimPath path, int consumed, string? suggestion) =>
        WithSuggestion($"value at `{Where(path, consumed)}` is an object, not a string or an array of strings", suggestion);

    public static string ObjectItems(ClaimPath path, int consumed, int count, string? suggestion) => WithSuggestion(
        Invariant($"value at `{Where(path, consumed)}` holds {count} object{(count == 1 ? "" : "s")}, skipped"),
        suggestion);

    public static string ScalarLeaf(ClaimPath path, int consumed, JsonTokenType token) =>
        $"value at `{Where(path, consumed)}` is {Describe(token)}; only strings are used";

    public static string ScalarItem(ClaimPath path, int consumed, int item, JsonTokenType token) =>
        Invariant($"item {item} of `{Where(path, consumed)}` is {Describe(token)}; skipped");

    public static string EmptyLeaf(ClaimPath path, int consumed) =>
        $"value at `{Where(path, consumed)}` is an empty string; skipped";

    public static string EmptyItem(ClaimPath path, int consumed, int item) =>
        Invariant($"item {item} of `{Where(path, consumed)}` is an empty string; skipped");

    public static string EmbeddedTooDeep(ClaimPath path, int consumed, int maxDepth) => Invariant(
        $"{Subject(path, consumed)} is a string holding JSON that would nest deeper than {maxDepth} levels; not read");

    public static string EmbeddedInvalid(ClaimPath path, int consumed, string detail) =>
        $"{Subject(path, consumed)} is a string that looks like JSON but cannot be parsed: {detail}";

    /// <summary>The path up to <paramref name="consumed"/>, extended by <c>[*]</c> (if asked) and a member name.</summary>
    public static string? Extend(ClaimPath path, int consumed, string member, bool project)
    {
        if (project && path.IsPointer)
        {
            return null;
        }

        var segments = Prefix(path, consumed);
        if (project)
        {
            segments.Add(PathSegment.Wildcard);
        }

        segments.Add(path.IsPointer ? PathSegment.Pointer(member) : PathSegment.Property(member));
        return ClaimPathFormatter.Format([.. segments], segments.Count);
    }

    /// <summary>"the payload" or "the value at `prefix`": what segment <paramref name="seg"/> was applied to.</summary>
    private static string Subject(ClaimPath path, int seg) =>
        seg == 0 ? "the payload" : $"the value at `{Where(path, seg)}`";

    private static string Where(ClaimPath path, int consumed) =>
        consumed == Literal ? path.Text : ClaimPathFormatter.Format(path.Segments, consumed);

    private static List<PathSegment> Prefix(ClaimPath path, int consumed) =>
        consumed == Literal ? [PathSegment.Property(path.Text)] : [.. path.Segments.AsSpan(0, consumed)];

    private static string Replace(ClaimPath path, int seg, string name)
    {
        PathSegment[] segments = [.. path.Segments];
        segments[seg] = path.IsPointer ? PathSegment.Pointer(name) : PathSegment.Property(name);
        return ClaimPathFormatter.Format(segments, segments.Length);
    }

    private static string InsertProjection(ClaimPath path, int seg)
    {
        PathSegment[] segments = [.. path.Segments[..seg], PathSegment.Wildcard, .. path.Segments[seg..]];
        return ClaimPathFormatter.Format(segments, segments.Length);
    }

    private static string WithSuggestion(string text, string? suggestion) =>
        suggestion is null ? text : $"{text}; did you mean `{suggestion}`?";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
