using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// A compiled claim path (SPEC §3), the language of <c>kestra.security.oidc.groups-claim-path</c>: it selects
/// strings from an ID token's JSON payload. Parse once, evaluate many times; instances are immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Grammar:</para>
/// <list type="bullet">
/// <item><c>a.b.c</c> walks objects; a segment may hold any character but <c>.</c> <c>[</c> <c>"</c> <c>'</c>
/// (so <c>-</c>, <c>:</c>, <c>/</c> are fine), and <c>\</c> escapes one of <c>. [ ] " ' \</c>.</item>
/// <item><c>"my.client"</c>, <c>'my.client'</c>, <c>["my.client"]</c> and <c>['my.client']</c> quote a segment.</item>
/// <item><c>[0]</c> indexes an array (<c>[-1]</c> is the last item); <c>[*]</c> projects over an array.</item>
/// <item>A path starting with <c>/</c> is an RFC 6901 JSON Pointer (<c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>).</item>
/// </list>
/// <para>
/// Precedence: when the payload has a top-level claim whose name is exactly <see cref="Text"/>, that claim is used
/// as the leaf and the parsed path is not walked. Otherwise the parsed path is walked. The literal rule is checked on
/// the path text, so it also applies to text that parses as a dotted path or a pointer.
/// </para>
/// <para>
/// Members are matched by exact, ordinal name (escaped names in the JSON, such as <c>\u002e</c>, match their
/// unescaped form); when an object holds a name twice, the first one is used (reported when
/// <see cref="ClaimPathEvaluationOptions.ValidateWholePayload"/> is on). The payload is read only as far as the path
/// needs unless that option is on.
/// When the path continues into a string holding a JSON object or array, that JSON is parsed and walked into.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// ClaimPath.Parse("resource_access.kestra.roles");      // Keycloak client roles
/// ClaimPath.Parse("resource_access[\"my.client\"].roles"); // a client id with a dot
/// ClaimPath.Parse(@"resource_access.my\.client.roles");   // the same, escaped
/// ClaimPath.Parse("groups[*].name");                     // names of an array of group objects
/// ClaimPath.Parse("/resource_access/kestra/roles");      // JSON Pointer
/// ClaimPath.Parse("https://kestra.io/groups");           // a namespaced claim: used literally when present,
///                                                        // otherwise walked as https://kestra → io/groups
/// ClaimPath.Parse("cognito:groups");                     // ':' needs no quoting
/// </code>
/// </example>
public sealed class ClaimPath : IEquatable<ClaimPath>
{
    private readonly string _canonical;
    private ClaimPathResult? _rootMissing;

    private ClaimPath(string text, PathSegment[] segments)
    {
        Text = text;
        Segments = segments;
        _canonical = ClaimPathFormatter.Format(segments, segments.Length);
        IsPointer = segments[0].Kind == SegmentKind.PointerToken;
        IsLocatable = JsonLocator.Handles(segments);
        var literalIsFirstSegment = segments is [{ Kind: SegmentKind.Property } only] && only.Name == text;
        LiteralUtf8 = literalIsFirstSegment ? null : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The path text as given to <see cref="Parse"/>.</summary>
    public string Text { get; }

    internal PathSegment[] Segments { get; }

    internal bool IsPointer { get; }

    /// <summary>Whether <see cref="JsonLocator"/> can find the value (names and non-negative indexes only).</summary>
    internal bool IsLocatable { get; }

    /// <summary>The whole text as a member name for the literal top-level rule; null when that is the first segment anyway.</summary>
    internal byte[]? LiteralUtf8 { get; }

    /// <summary>The result of a payload without the first claim: the same for every payload, so built once.</summary>
    internal ClaimPathResult RootMissing => _rootMissing ??= new ClaimPathResult(
        false,
        ReadOnlyCollection<string>.Empty,
        new[] { new ClaimPathDiagnostic(ClaimPathDiagnosticCodes.NotFound, ClaimPathMessages.Missing(this, 0, null)) }.AsReadOnly());

    /// <summary>Parses and compiles a claim path.</summary>
    /// <param name="path">The path text, e.g. <c>resource_access.kestra.roles</c>.</param>
    /// <returns>The compiled path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ClaimPathSyntaxException">The path is malformed; the exception has the column and what was expected.</exception>
    /// <example>
    /// <code>
    /// var path = ClaimPath.Parse("resource_access.kestra.roles");
    /// var roles = path.Evaluate(payloadUtf8).Values; // ["admin", "viewer"]
    /// </code>
    /// </example>
    public static ClaimPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryParse(path, out var result, out var error) ? result : throw error;
    }

    /// <summary>Parses and compiles a claim path without throwing.</summary>
    /// <param name="path">The path text; null fails like an empty path.</param>
    /// <param name="result">The compiled path, when parsing succeeds.</param>
    /// <param name="error">The syntax error (column, expected text), when parsing fails.</param>
    /// <returns><see langword="true"/> when the path is well formed.</returns>
    public static bool TryParse(
        string? path,
        [NotNullWhen(true)] out ClaimPath? result,
        [NotNullWhen(false)] out ClaimPathSyntaxException? error)
    {
        result = null;
        if (!ClaimPathParser.TryParse(path ?? string.Empty, out var segments, out var failure))
        {
            error = failure!;
            return false;
        }

        error = null;
        result = new ClaimPath(path!, segments);
        return true;
    }

    /// <summary>Evaluates the path over a UTF-8 JSON payload (an ID token's decoded payload, a claims file).</summary>
    /// <param name="utf8Json">The payload; its root must be a JSON object.</param>
    /// <param name="options">Leaf options; <see cref="ClaimPathEvaluationOptions.Default"/> when null.</param>
    /// <returns>The strings found, whether the path reached a value, and diagnostics. A missing path is an empty result.</returns>
    /// <exception cref="ClaimsPayloadException">The payload is malformed, truncated, too deep or not an object.</exception>
    public ClaimPathResult Evaluate(ReadOnlySpan<byte> utf8Json, ClaimPathEvaluationOptions? options = null) =>
        ClaimPathEvaluator.Evaluate(this, utf8Json, options ?? ClaimPathEvaluationOptions.Default, allowComments: false);

    /// <summary>
    /// Evaluates the path over a payload whose first segment's member a strict reader already found, its value beginning at
    /// <paramref name="firstValueStart"/>, and which has no top-level member named like the whole path (the reader checked):
    /// the same result as <see cref="Evaluate(ReadOnlySpan{byte}, ClaimPathEvaluationOptions?)"/>, without searching the top level again.
    /// </summary>
    internal ClaimPathResult EvaluateLocated(ReadOnlySpan<byte> utf8Json, int firstValueStart, ClaimPathEvaluationOptions options) =>
        ClaimPathEvaluator.Evaluate(this, utf8Json, options, allowComments: false, firstValueStart);

    /// <summary>Evaluates the path over a payload already parsed into a <see cref="JsonElement"/> (read in place, not copied).</summary>
    /// <param name="payload">The payload; it must be a JSON object from a live <see cref="JsonDocument"/>.</param>
    /// <param name="options">Leaf options; <see cref="ClaimPathEvaluationOptions.Default"/> when null.</param>
    /// <returns>The strings found, whether the path reached a value, and diagnostics.</returns>
    /// <exception cref="ClaimsPayloadException">The element is undefined, not an object, too deep, or its document was disposed.</exception>
    public ClaimPathResult Evaluate(JsonElement payload, ClaimPathEvaluationOptions? options = null)
    {
        ReadOnlySpan<byte> raw;
        try
        {
            if (payload.ValueKind == JsonValueKind.Undefined)
            {
                throw new ClaimsPayloadException(ClaimsPayloadException.NotAnObjectCode, "the claims payload is an undefined JsonElement (default)");
            }

            raw = JsonMarshal.GetRawUtf8Value(payload);
        }
        catch (ObjectDisposedException ex)
        {
            throw new ClaimsPayloadException(ClaimsPayloadException.MalformedCode, "the JsonDocument that holds the claims payload was disposed", null, ex);
        }

        return ClaimPathEvaluator.Evaluate(this, raw, options ?? ClaimPathEvaluationOptions.Default, allowComments: true);
    }

    /// <summary>
    /// The canonical form: dotted names, <c>["quoted"]</c> names where needed, <c>[n]</c>, <c>[*]</c>, or a JSON
    /// Pointer for pointer paths. <c>Parse(path.ToString())</c> equals <c>path</c>.
    /// </summary>
    /// <returns>The canonical text.</returns>
    public override string ToString() => _canonical;

    /// <summary>Two paths are equal when they select the same segments (their canonical forms are equal).</summary>
    /// <param name="other">The other path.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(ClaimPath? other) =>
        other is not null && (ReferenceEquals(this, other) || Segments.AsSpan().SequenceEqual(other.Segments));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClaimPath);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_canonical);
}
