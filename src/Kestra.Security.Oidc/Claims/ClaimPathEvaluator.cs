using System.Buffers;
using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// Walks a claim path over UTF-8 JSON with <see cref="Utf8JsonReader"/>: no DOM, member names compared with
/// <c>ValueTextEquals</c> (so escaped names such as <c>\u002e</c> match). A reader copy marks each match; copies of a
/// span reader are independent snapshots, so the walk resumes there. By default reading stops at the first match of
/// each segment; with <see cref="ClaimPathEvaluationOptions.ValidateWholePayload"/> every object on the path is read
/// to its end (validating it and finding duplicate keys) and the payload is read to its last byte.
/// </summary>
internal partial struct ClaimPathEvaluator
{
    /// <summary>The "consumed segments" marker for a value reached through the literal top-level claim rule.</summary>
    private const int LiteralMatch = -1;

    private readonly ClaimPath _path;
    private readonly PathSegment[] _segments;
    private readonly ClaimPathEvaluationOptions _options;
    private readonly bool _wholePayload;
    private ResultBuilder _result;
    private bool _literalPossible;

    private ClaimPathEvaluator(ClaimPath path, ClaimPathEvaluationOptions options)
    {
        _path = path;
        _segments = path.Segments;
        _options = options;
        _wholePayload = options.ValidateWholePayload;
        _result = default;
    }

    /// <param name="path">The path.</param>
    /// <param name="utf8Json">The payload.</param>
    /// <param name="options">Leaf options.</param>
    /// <param name="allowComments">Whether JSON comments are skipped (claims files) or refused (tokens).</param>
    /// <param name="firstValueStart">
    /// For a strictly read payload (no duplicate member anywhere) whose first segment's member that reader already found, and in
    /// which it found no top-level member named like the whole path: where that value begins, so that the fast path locates the
    /// rest from there instead of searching the top level again (and for the literal name); -1 otherwise.
    /// </param>
    public static ClaimPathResult Evaluate(ClaimPath path, ReadOnlySpan<byte> utf8Json, ClaimPathEvaluationOptions options, bool allowComments, int firstValueStart = -1)
    {
        var evaluator = new ClaimPathEvaluator(path, options);
        try
        {
            evaluator.Run(utf8Json, allowComments, firstValueStart);
            return evaluator._result.Build(path);
        }
        finally
        {
            evaluator._result.Release();
        }
    }

    private void Run(ReadOnlySpan<byte> utf8Json, bool allowComments, int firstValueStart)
    {
        var readerOptions = new JsonReaderOptions
        {
            MaxDepth = _options.MaxDepth,
            CommentHandling = allowComments ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
        };
        // The literal top-level claim rule needs the whole root object scanned, which the fast path avoids: do it only
        // when the name can be there, i.e. its bytes occur verbatim, or the payload has escapes that could spell it. A located
        // start comes from the strict payload pass, which locates nothing when a top-level member has that name.
        _literalPossible = firstValueStart < 0 && _path.LiteralUtf8 is { } literal
            && (utf8Json.IndexOf(literal) >= 0 || utf8Json.Contains((byte)'\\'));
        try
        {
            if (TryFastPath(utf8Json, readerOptions, firstValueStart))
            {
                return;
            }

            var reader = new Utf8JsonReader(utf8Json, readerOptions);
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ClaimsPayloadException(
                    ClaimsPayloadException.NotAnObjectCode,
                    $"the claims payload must be a JSON object, not {ClaimPathMessages.Describe(reader.TokenType)}",
                    reader.TokenStartIndex);
            }

            WalkObject(ref reader, 0, 0, root: true);
            if (_wholePayload && reader.Read())
            {
                throw new JsonException("unexpected data after the payload object");
            }
        }
        catch (JsonException ex)
        {
            throw PayloadErrors.Describe(utf8Json, ex, readerOptions);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader does not validate string contents while reading; decoding one (GetString, CopyString)
            // throws InvalidOperationException for invalid UTF-8 or a broken escape such as a lone surrogate.
            throw new ClaimsPayloadException(
                ClaimsPayloadException.MalformedCode, $"the claims payload holds a string that cannot be decoded: {ex.Message}", null, ex);
        }
    }

    /// <summary>
    /// Simple paths on a plain payload: let <see cref="JsonLocator"/> find the value, then read just that value.
    /// Returns false (nothing done) whenever the locator is unsure; the full walk then runs.
    /// </summary>
    private bool TryFastPath(ReadOnlySpan<byte> utf8Json, JsonReaderOptions readerOptions, int firstValueStart)
    {
        if (_wholePayload || _literalPossible || !_path.IsLocatable || !TryLocate(utf8Json, firstValueStart, out var start, out var depth))
        {
            return false;
        }

        var leaf = new Utf8JsonReader(utf8Json[start..], readerOptions with { MaxDepth = _options.MaxDepth - depth });
        Next(ref leaf);
        Leaf(ref leaf, _segments.Length, depth);
        return true;
    }

    /// <summary>The value at the path: searched from the top, or from the first segment's value when a strict reader found it.</summary>
    private bool TryLocate(ReadOnlySpan<byte> utf8Json, int firstValueStart, out int start, out int depth)
    {
        if (firstValueStart < 0)
        {
            return JsonLocator.TryLocate(utf8Json, _segments, _options.MaxDepth, out start, out depth);
        }

        (start, depth) = (firstValueStart, 1);
        if (_segments[0].Kind != SegmentKind.Property || firstValueStart >= utf8Json.Length || _options.MaxDepth < 2)
        {
            return false;
        }

        if (_segments.Length == 1)
        {
            return true;
        }

        if (!JsonLocator.TryLocate(utf8Json[firstValueStart..], _segments.AsSpan(1), _options.MaxDepth - 1, out var inner, out var innerDepth))
        {
            return false;
        }

        (start, depth) = (firstValueStart + inner, innerDepth + 1);
        return true;
    }

    /// <summary>Walks the value under <paramref name="reader"/> from segment <paramref name="seg"/> on.</summary>
    private void Walk(ref Utf8JsonReader reader, int seg, int depthOffset)
    {
        if (seg == _segments.Length)
        {
            Leaf(ref reader, seg, depthOffset);
            return;
        }

        var kind = _segments[seg].Kind;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject when kind is SegmentKind.Property or SegmentKind.PointerToken:
                WalkObject(ref reader, seg, depthOffset, root: false);
                return;
            case JsonTokenType.StartArray when kind is SegmentKind.Wildcard:
                WalkAll(ref reader, seg, depthOffset);
                return;
            case JsonTokenType.StartArray when kind is SegmentKind.Index or SegmentKind.PointerToken:
                WalkIndex(ref reader, seg, depthOffset);
                return;
            case JsonTokenType.String:
                WalkEmbedded(ref reader, seg, depthOffset);
                return;
            default:
                ReportWrongShape(ref reader, seg);
                return;
        }
    }

    /// <summary>
    /// Finds the first member named by the segment (and, at the root, a member whose name is the whole path text);
    /// then walks on from the match. Reads the whole object when validating or when the literal rule needs it.
    /// </summary>
    private void WalkObject(ref Utf8JsonReader reader, int seg, int depthOffset, bool root)
    {
        // At the root the first segment may be an index or [*]: nothing matches it, but the payload is still read
        // whole (validated) and the literal top-level claim rule still applies.
        var segment = _segments[seg];
        var name = segment.Kind is SegmentKind.Property or SegmentKind.PointerToken ? segment.Utf8Name : null;
        var literalName = root && _literalPossible ? _path.LiteralUtf8 : null;
        var scanAll = _wholePayload || literalName is not null;
        var objectStart = reader;
        Utf8JsonReader match = default, literal = default;
        bool found = false, literalFound = false, duplicate = false;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (literalName is not null && !literalFound && reader.ValueTextEquals(literalName))
            {
                Next(ref reader);
                literal = reader;
                literalFound = true;
            }
            else if (name is not null && reader.ValueTextEquals(name))
            {
                duplicate |= found;
                Next(ref reader);
                if (!found)
                {
                    match = reader;
                    found = true;
                    if (!scanAll)
                    {
                        break;
                    }
                }
            }

            reader.Skip();
        }

        if (literalFound)
        {
            Leaf(ref literal, LiteralMatch, depthOffset);
        }
        else if (found)
        {
            if (duplicate)
            {
                _result.Report(ClaimPathDiagnosticCodes.DuplicateKey, ClaimPathMessages.Duplicate(_path, seg));
            }

            Walk(ref match, seg + 1, depthOffset);
        }
        else if (name is null)
        {
            ReportWrongShape(ref objectStart, seg);
        }
        else
        {
            ReportMissing(ref objectStart, seg, root);
        }
    }

    private void WalkIndex(ref Utf8JsonReader reader, int seg, int depthOffset)
    {
        var segment = _segments[seg];
        var target = segment.Index;
        if (segment.Kind == SegmentKind.PointerToken && target < 0)
        {
            ReportWrongShape(ref reader, seg);
            return;
        }

        if (target < 0)
        {
            var counter = reader;
            target += CountItems(ref counter);
        }

        Utf8JsonReader match = default;
        var found = false;
        var count = 0;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (count++ == target)
            {
                match = reader;
                found = true;
                if (!_wholePayload)
                {
                    break;
                }
            }

            reader.Skip();
        }

        if (found)
        {
            Walk(ref match, seg + 1, depthOffset);
        }
        else
        {
            _result.Report(ClaimPathDiagnosticCodes.IndexOutOfRange, ClaimPathMessages.OutOfRange(_path, seg, count));
        }
    }

    /// <summary><c>[*]</c>: walks the rest of the path from every item, in order.</summary>
    private void WalkAll(ref Utf8JsonReader reader, int seg, int depthOffset)
    {
        _result.MarkFound();
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }

            var item = reader;
            Walk(ref item, seg + 1, depthOffset);
            reader.Skip();
        }
    }

    /// <summary>The path continues into a string: walk into it when it holds a JSON object or array.</summary>
    private void WalkEmbedded(ref Utf8JsonReader reader, int seg, int depthOffset)
    {
        var depth = depthOffset + reader.CurrentDepth;
        byte[]? rented = null;
        try
        {
            var text = Unescape(ref reader, ref rented).TrimStart(" \t\r\n"u8);
            if (text.IsEmpty || text[0] is not ((byte)'{' or (byte)'['))
            {
                ReportWrongShape(ref reader, seg);
                return;
            }

            if (TryOpenEmbedded(text, depth, seg, out var inner))
            {
                Walk(ref inner, seg, depth);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Validates JSON held in a string; on success <paramref name="inner"/> is on its first token.</summary>
    private bool TryOpenEmbedded(ReadOnlySpan<byte> text, int depth, int consumed, out Utf8JsonReader inner)
    {
        inner = default;
        var maxDepth = _options.MaxDepth - depth;
        if (maxDepth < 1)
        {
            _result.Report(ClaimPathDiagnosticCodes.InvalidEmbeddedJson, ClaimPathMessages.EmbeddedTooDeep(_path, consumed, _options.MaxDepth));
            return false;
        }

        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            Next(ref reader);
            inner = reader;
            reader.Skip();
            if (reader.Read())
            {
                throw new JsonException("unexpected data after the JSON value");
            }

            return true;
        }
        catch (JsonException ex)
        {
            _result.Report(ClaimPathDiagnosticCodes.InvalidEmbeddedJson, ClaimPathMessages.EmbeddedInvalid(_path, consumed, ex.Message));
            return false;
        }
    }

    private static ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader, ref byte[]? rented)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        var length = reader.CopyString(rented);
        return rented.AsSpan(0, length);
    }

    private static int CountItems(ref Utf8JsonReader reader)
    {
        var count = 0;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return count;
            }

            count++;
            reader.Skip();
        }
    }

    /// <summary>Reads one token; the end of input inside a value is malformed JSON.</summary>
    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the JSON ends before the value is complete");
        }
    }
}
