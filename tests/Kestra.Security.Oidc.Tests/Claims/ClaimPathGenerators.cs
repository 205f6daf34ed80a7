using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

/// <summary>FsCheck generators: member names with every awkward character, paths, and small JSON documents.</summary>
internal static class ClaimPathGenerators
{
    /// <summary>Pieces of names: grammar characters, pointer characters, escapes, non-ASCII and a surrogate pair.</summary>
    private static readonly string[] NamePieces =
    [
        "a", "b", "roles", "0", "7", ".", "[", "]", "\"", "'", "\\", "/", "~", "~0", "~1", ":", "-", " ", "*",
        "é", "€", "😀", "\n", "\t", "\u0001", "<", "&", "+",
    ];

    /// <summary>Keys that generated documents and generated paths share, so paths hit often.</summary>
    private static readonly string[] SharedKeys = ["a", "b", "c", "a.b", "roles", "/x", "0", "~"];

    private static readonly string[] SharedStrings =
        ["x", "y", "", "a", "{\"a\":[\"e\"]}", "[\"j\",\"k\"]", "{\"roles\":\"r\"}", "{bad", "[1,\"m\"]"];

    public static Gen<string> Name =>
        Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(Gen.Elements(NamePieces), n)).Select(string.Concat);

    public static Gen<PathSegment[]> DottedSegments(Gen<string> names, int maxLength = 5) =>
        Gen.Choose(1, maxLength).SelectMany(n => Gen.ArrayOf(
            Gen.Frequency(
                (6, names.Select(PathSegment.Property)),
                (1, Gen.Choose(-3, 5).Select(PathSegment.ArrayIndex)),
                (1, Gen.Constant(PathSegment.Wildcard))),
            n));

    public static Gen<PathSegment[]> PointerSegments(Gen<string> names, int maxLength = 4) =>
        Gen.Choose(1, maxLength).SelectMany(n => Gen.ArrayOf(
            Gen.Frequency((3, names), (1, Gen.Elements("0", "1", "-", "01"))).Select(PathSegment.Pointer), n));

    public static Gen<PathSegment[]> Segments =>
        Gen.Frequency((3, DottedSegments(Name)), (1, PointerSegments(Name)));

    /// <summary>Paths over <see cref="SharedKeys"/>, as text in canonical form.</summary>
    public static Gen<string> SharedPath =>
        Gen.Frequency(
            (3, DottedSegments(Gen.Elements(SharedKeys), 3)),
            (1, PointerSegments(Gen.Elements(SharedKeys), 3)))
        .Select(s => ClaimPathFormatter.Format(s, s.Length));

    /// <summary>Arbitrary text over the grammar's alphabet: mostly malformed, sometimes a path.</summary>
    public static Gen<string> PathLikeText =>
        Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(
            Gen.Elements("a", "b", ".", "[", "]", "*", "0", "-", "\"", "'", "\\", "/", "~", "~1", "x.y", "[0]", "[*]", "['q.r']"), n))
        .Select(string.Concat);

    /// <summary>A JSON object over <see cref="SharedKeys"/>, as text, nesting at most a few levels.</summary>
    public static Gen<string> Document => Gen.Sized(size => Object(Math.Min(size, 12), 4));

    /// <summary>One generated document written with an encoder chosen by the test (escaping styles differ).</summary>
    public static byte[] Write(string key, bool escapeEverything)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var encoder = escapeEverything ? JavaScriptEncoder.Default : JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("outer");
            writer.WriteStartArray(key);
            writer.WriteStringValue("v1");
            writer.WriteStringValue("v2");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray(key);
            writer.WriteStringValue("root");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Escapes a name with backslashes only (the <c>my\.client</c> style).</summary>
    public static string BackslashEscape(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (ClaimPathParser.Escapable.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static Gen<string> Object(int size, int depth) =>
        Gen.Choose(0, Math.Max(1, size)).SelectMany(n =>
            Gen.ArrayOf(Gen.Elements(SharedKeys), n).Select(keys => keys.Distinct().ToArray())
                .SelectMany(keys => Gen.ArrayOf(Value(size / 2, depth - 1), keys.Length)
                    .Select(values => "{" + string.Join(",", keys.Select((k, i) => JsonSerializer.Serialize(k) + ":" + values[i])) + "}")));

    private static Gen<string> Array(int size, int depth) =>
        Gen.Choose(0, Math.Max(1, size / 2)).SelectMany(n => Gen.ArrayOf(Value(size / 2, depth - 1), n))
            .Select(values => "[" + string.Join(",", values) + "]");

    private static Gen<string> Value(int size, int depth)
    {
        var scalar = Gen.Frequency(
            (4, Gen.Elements(SharedStrings).Select(s => JsonSerializer.Serialize(s))),
            (1, Gen.Elements("1", "true", "null", "-2.5e3")));
        return depth <= 0 || size <= 1
            ? scalar
            : Gen.Frequency((3, scalar), (2, Gen.Sized(_ => Object(size, depth))), (2, Array(size, depth)));
    }
}
