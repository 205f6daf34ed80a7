using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

public sealed class ClaimPathPropertyTests
{
    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Parsing_the_canonical_form_of_generated_segments_gives_the_same_path() =>
        Prop.ForAll(ClaimPathGenerators.Segments.ToArbitrary(), segments =>
        {
            var canonical = ClaimPathFormatter.Format(segments, segments.Length);
            var path = ClaimPath.Parse(canonical);
            return path.Segments.SequenceEqual(segments)
                && path.ToString() == canonical
                && ClaimPath.Parse(path.ToString()).Equals(path);
        });

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property Any_text_that_parses_round_trips_through_its_canonical_form() =>
        Prop.ForAll(ClaimPathGenerators.PathLikeText.ToArbitrary(), text =>
        {
            if (!ClaimPath.TryParse(text, out var path, out var error))
            {
                return error.Column >= 1 && error.Column <= text.Length + 1 && error.Expected.Length > 0;
            }

            var again = ClaimPath.Parse(path.ToString());
            return again.Equals(path) && again.GetHashCode() == path.GetHashCode() && again.ToString() == path.ToString();
        });

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public Property Escaping_any_key_and_walking_to_it_finds_it() =>
        Prop.ForAll(ClaimPathGenerators.Name.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (key, escapeAll) =>
        {
            var payload = ClaimPathGenerators.Write(key, escapeAll);
            var nested = new[]
            {
                "outer" + (key.Length == 0 ? "[\"\"]" : "." + ClaimPathGenerators.BackslashEscape(key)),
                ClaimPathFormatter.Format([PathSegment.Property("outer"), PathSegment.Property(key)], 2),
                "/outer/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal),
            };
            var atRoot = ClaimPathFormatter.Format([PathSegment.Property(key)], 1);

            return nested.All(p => ClaimPath.Parse(p).Evaluate(payload).Values.SequenceEqual(["v1", "v2"]))
                && ClaimPath.Parse(atRoot).Evaluate(payload).Values.SequenceEqual(["root"]);
        });

    [FsCheck.NUnit.Property(MaxTest = 2000)]
    public Property The_evaluator_agrees_with_a_reference_model_on_generated_documents() =>
        Prop.ForAll(ClaimPathGenerators.Document.ToArbitrary(), ClaimPathGenerators.SharedPath.ToArbitrary(), (json, text) =>
        {
            var path = ClaimPath.Parse(text);
            var bytes = Encoding.UTF8.GetBytes(json);
            var fromBytes = path.Evaluate(bytes);
            using var document = JsonDocument.Parse(json);
            var fromElement = path.Evaluate(document.RootElement);
            var validated = path.Evaluate(bytes, new ClaimPathEvaluationOptions { ValidateWholePayload = true });
            var expected = ClaimPathReferenceModel.Evaluate(path, json);

            return fromBytes.Values.SequenceEqual(expected)
                .Label($"path {text} on {json}: got [{string.Join(",", fromBytes.Values)}], model [{string.Join(",", expected)}]")
                .And(fromElement.Values.SequenceEqual(fromBytes.Values))
                .And(validated.Values.SequenceEqual(fromBytes.Values))
                .And(fromBytes.Found || fromBytes.Values.Count == 0)
                .Classify(expected.Count > 0, "path found strings");
        });

    [FsCheck.NUnit.Property(MaxTest = 1000)]
    public Property The_evaluator_throws_nothing_but_ClaimsPayloadException_on_damaged_payloads() =>
        Prop.ForAll(
            ClaimPathGenerators.Document.ToArbitrary(),
            ClaimPathGenerators.SharedPath.ToArbitrary(),
            Gen.Choose(0, 1000).SelectMany(at => Gen.Choose(0, 255).Select(b => (At: at, Byte: b))).ToArbitrary(),
            (json, text, damage) =>
            {
                var (at, replacement) = damage;
                var bytes = Encoding.UTF8.GetBytes(json);
                var cut = bytes.AsSpan(0, at % (bytes.Length + 1)).ToArray();
                var flipped = bytes.ToArray();
                flipped[at % flipped.Length] = (byte)replacement;
                var path = ClaimPath.Parse(text);
                var options = new ClaimPathEvaluationOptions { ParseJsonStringLeaf = true, Delimiter = ",", MaxDepth = 3, ValidateWholePayload = true };
                return Survives(() => path.Evaluate(cut))
                    && Survives(() => path.Evaluate(flipped))
                    && Survives(() => path.Evaluate(flipped, options));
            });

    private static bool Survives(Func<ClaimPathResult> evaluate)
    {
        try
        {
            return evaluate() is not null;
        }
        catch (ClaimsPayloadException)
        {
            return true;
        }
    }
}
