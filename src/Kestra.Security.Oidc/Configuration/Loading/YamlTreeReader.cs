using Kestra.Security.Oidc.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Configuration.Loading;

/// <summary>
/// Reads YAML into a <see cref="ConfigNode"/> tree with line and column for every key and value.
/// Duplicate keys are kept (later wins when flattened), as SnakeYAML does for Micronaut.
/// </summary>
internal static class YamlTreeReader
{
    private const int MaxDepth = 64;

    /// <summary>Reads every document of the stream; returns null and adds an error when the YAML is malformed.</summary>
    public static IReadOnlyList<ConfigNode>? Read(string yaml, string source, List<ConfigurationDiagnostic> diagnostics)
    {
        var documents = new List<ConfigNode>();
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (parser.Accept<DocumentEnd>(out _))
                {
                    parser.Consume<DocumentEnd>();
                    continue;
                }

                documents.Add(ReadNode(parser, source, anchors, 0));
                parser.Consume<DocumentEnd>();
            }

            parser.Consume<StreamEnd>();
            return documents;
        }
        catch (YamlException ex)
        {
            var location = new SourceLocation(source, (int)ex.Start.Line, (int)ex.Start.Column);
            diagnostics.Add(new ConfigurationDiagnostic(
                DiagnosticCodes.MalformedYaml,
                DiagnosticSeverity.Error,
                location,
                string.Empty,
                $"malformed YAML: {Describe(ex)}"));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            // YamlDotNet throws these instead of YamlException on some malformed input (found by fuzzing, see
            // docs/reliability.md): ": [\n0" (scanner), "<<: *0" (merge of an undefined anchor), "!!]" (tag). Still malformed YAML.
            var mark = parser.Current?.End ?? Mark.Empty;
            diagnostics.Add(new ConfigurationDiagnostic(
                DiagnosticCodes.MalformedYaml,
                DiagnosticSeverity.Error,
                new SourceLocation(source, (int)mark.Line, (int)mark.Column),
                string.Empty,
                $"malformed YAML: {DescribeParserFailure(ex)}"));
            return null;
        }
    }

    private static string DescribeParserFailure(Exception ex) => ex switch
    {
        KeyNotFoundException => "a merge key ('<<') refers to an anchor that is not defined before it",
        ArgumentException { ParamName: not null } argument => $"{argument.Message.Replace($" (Parameter '{argument.ParamName}')", string.Empty, StringComparison.Ordinal)}",
        _ => "the YAML parser gave up after this point",
    };

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;

        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (…): "; the position is already reported.
        var dash = message.LastIndexOf("): ", StringComparison.Ordinal);
        return dash >= 0 ? message[(dash + 3)..] : message;
    }

    private static ConfigNode ReadNode(IParser parser, string source, Dictionary<string, ConfigNode> anchors, int depth)
    {
        if (depth > MaxDepth)
        {
            var current = parser.Current!;
            throw new YamlException(current.Start, current.End, $"nesting deeper than {MaxDepth} levels");
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            var node = new ConfigScalar(
                At(source, scalar.Start),
                isNull && scalar.Style == ScalarStyle.Plain ? null : scalar.Value,
                scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);
            Remember(anchors, scalar.Anchor, node);
            return node;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<ConfigNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, source, anchors, depth + 1));
            }

            var node = new ConfigSequence(At(source, sequenceStart.Start), items);
            Remember(anchors, sequenceStart.Anchor, node);
            return node;
        }

        var mappingStart = parser.Consume<MappingStart>();
        var mapping = new ConfigMapping(At(source, mappingStart.Start));
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            var key = ReadNode(parser, source, anchors, depth + 1);
            if (key is not ConfigScalar { Value: { } keyText })
            {
                throw new YamlException(keyEvent.Start, keyEvent.End, "a key must be a plain string");
            }

            var value = ReadNode(parser, source, anchors, depth + 1);
            mapping.Entries.Add(new ConfigMappingEntry(keyText, key.Location, value));
        }

        Remember(anchors, mappingStart.Anchor, mapping);
        return mapping;
    }

    private static void Remember(Dictionary<string, ConfigNode> anchors, AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static SourceLocation At(string source, Mark mark) => new(source, (int)mark.Line, (int)mark.Column);
}
