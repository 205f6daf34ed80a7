using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Claims;

/// <summary>The leaf rules of SPEC §3: which strings a reached value yields, and what is skipped.</summary>
internal partial struct ClaimPathEvaluator
{
    /// <summary>The value the path reached; <paramref name="consumed"/> is the segment count, or <see cref="LiteralMatch"/>.</summary>
    private void Leaf(ref Utf8JsonReader reader, int consumed, int depthOffset)
    {
        _result.MarkFound();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                LeafString(ref reader, consumed, depthOffset);
                break;
            case JsonTokenType.StartArray:
                LeafArray(ref reader, consumed);
                break;
            case JsonTokenType.StartObject:
                var suggestion = SuggestMember(reader, consumed);
                _result.Report(ClaimPathDiagnosticCodes.NotAString, ClaimPathMessages.ObjectLeaf(_path, consumed, suggestion));
                break;
            default:
                _result.Report(ClaimPathDiagnosticCodes.NotAString, ClaimPathMessages.ScalarLeaf(_path, consumed, reader.TokenType));
                break;
        }
    }

    private void LeafString(ref Utf8JsonReader reader, int consumed, int depthOffset)
    {
        var value = reader.GetString()!;
        if (value.Length == 0)
        {
            _result.Report(ClaimPathDiagnosticCodes.EmptyString, ClaimPathMessages.EmptyLeaf(_path, consumed));
            return;
        }

        if (_options.ParseJsonStringLeaf && value.AsSpan().TrimStart().StartsWith('['))
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            if (TryOpenEmbedded(bytes, depthOffset + reader.CurrentDepth, consumed, out var inner))
            {
                LeafArray(ref inner, consumed);
                return;
            }
        }

        if (_options.Delimiter is { } delimiter)
        {
            foreach (var part in value.Split(delimiter, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                _result.Add(part);
            }

            return;
        }

        _result.Add(value);
    }

    /// <summary>An array leaf: its strings, in order; everything else is skipped with a diagnostic.</summary>
    private void LeafArray(ref Utf8JsonReader reader, int consumed)
    {
        Utf8JsonReader firstObject = default;
        var objects = 0;
        for (var item = 0; ; item++)
        {
            Next(ref reader);
            switch (reader.TokenType)
            {
                case JsonTokenType.EndArray:
                    if (objects > 0)
                    {
                        var suggestion = SuggestProjection(firstObject, consumed);
                        _result.Report(ClaimPathDiagnosticCodes.NotAString, ClaimPathMessages.ObjectItems(_path, consumed, objects, suggestion));
                    }

                    return;
                case JsonTokenType.String:
                    var value = reader.GetString()!;
                    if (value.Length == 0)
                    {
                        _result.Report(ClaimPathDiagnosticCodes.EmptyString, ClaimPathMessages.EmptyItem(_path, consumed, item));
                    }
                    else
                    {
                        _result.Add(value);
                    }

                    break;
                case JsonTokenType.StartObject:
                    if (objects++ == 0)
                    {
                        firstObject = reader;
                    }

                    reader.Skip();
                    break;
                default:
                    _result.Report(ClaimPathDiagnosticCodes.NotAString, ClaimPathMessages.ScalarItem(_path, consumed, item, reader.TokenType));
                    reader.Skip();
                    break;
            }
        }
    }

    /// <summary>For an object leaf: the path extended by its first member that holds a string or an array.</summary>
    private readonly string? SuggestMember(Utf8JsonReader reader, int consumed)
    {
        var member = FirstMember(ref reader, stringsOnly: false);
        return member is null ? null : ClaimPathMessages.Extend(_path, consumed, member, project: false);
    }

    /// <summary>For an array of objects: <c>path[*].name</c> with the first object's first string member.</summary>
    private readonly string? SuggestProjection(Utf8JsonReader reader, int consumed)
    {
        var member = FirstMember(ref reader, stringsOnly: true);
        return member is null ? null : ClaimPathMessages.Extend(_path, consumed, member, project: true);
    }

    /// <summary>
    /// The first member holding a string (or, unless <paramref name="stringsOnly"/>, an array), preferring the names
    /// identity providers give group names (<c>name</c>, <c>displayName</c>, <c>value</c>, <c>path</c>).
    /// </summary>
    private static string? FirstMember(ref Utf8JsonReader reader, bool stringsOnly)
    {
        string? first = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return first;
            }

            var name = reader.GetString()!;
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.String || (!stringsOnly && reader.TokenType == JsonTokenType.StartArray))
            {
                if (name is "name" or "displayName" or "value" or "path")
                {
                    return name;
                }

                first ??= name;
            }

            reader.Skip();
        }
    }
}
