using System.Text;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

public sealed class ClaimsPayloadErrorTests
{
    private static readonly ClaimPath Groups = ClaimPath.Parse("groups");
    private static readonly ClaimPathEvaluationOptions Whole = new() { ValidateWholePayload = true };

    [TestCase("")]
    [TestCase("   ")]
    public void An_empty_payload_is_an_error(string json)
    {
        var act = () => Groups.Evaluate(Encoding.UTF8.GetBytes(json));

        act.Should().Throw<ClaimsPayloadException>().Which.Message.Should().Be("KSO3101: the claims payload is empty");
    }

    [TestCase("{\"groups\": [\"a\"")]
    [TestCase("{\"x\": tru, \"groups\": [\"a\"]}")]
    [TestCase("{\"groups\": ['a']}")]
    [TestCase("{groups: []}")]
    [TestCase("{\"x\": 1 /* comment */, \"groups\": []}")]
    public void A_malformed_or_truncated_payload_is_an_error_up_to_the_value(string json)
    {
        var act = () => Groups.Evaluate(Encoding.UTF8.GetBytes(json));

        var error = act.Should().Throw<ClaimsPayloadException>().Which;
        error.Code.Should().Be(ClaimsPayloadException.MalformedCode);
        error.Message.Should().StartWith("KSO3101: the claims payload is not valid JSON: ");
        error.BytePosition.Should().NotBeNull();
    }

    [TestCase("{\"x\": [1,,2], \"groups\": [\"a\"]}")]
    [TestCase("{\"groups\": [\"a\"], \"x\":")]
    [TestCase("{\"groups\": [\"a\"], \"x\": tru}")]
    [TestCase("{\"groups\": [\"a\"]} trailing")]
    [TestCase("{\"groups\": [\"a\"],}")]
    [TestCase("{\"groups\": [\"a\"], \"deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}")]
    public void Damage_after_the_value_or_inside_skipped_values_is_found_only_when_the_whole_payload_is_validated(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);

        Groups.Evaluate(payload).Values.Should().Equal("a");
        var act = () => Groups.Evaluate(payload, Whole);

        var error = act.Should().Throw<ClaimsPayloadException>().Which;
        error.Code.Should().BeOneOf(ClaimsPayloadException.MalformedCode, ClaimsPayloadException.TooDeepCode);
        error.Message.Should().StartWith("KSO310");
        error.BytePosition.Should().NotBeNull();
    }

    [Test]
    public void A_truncated_keycloak_token_is_an_error_at_every_cut_or_yields_exactly_the_roles()
    {
        var payload = ClaimPayloads.Keycloak;
        var path = ClaimPath.Parse("resource_access.kestra.roles");
        var rolesEnd = Encoding.UTF8.GetString(payload).IndexOf("\"kestra-viewer\"]", StringComparison.Ordinal) + 16;
        for (var cut = 0; cut < payload.Length - 2; cut += 7)
        {
            var bytes = payload.AsSpan(0, cut).ToArray();
            FluentActions.Invoking(() => path.Evaluate(bytes, Whole))
                .Should().Throw<ClaimsPayloadException>($"the payload is cut at byte {cut}");
            if (cut < rolesEnd)
            {
                FluentActions.Invoking(() => path.Evaluate(bytes)).Should().Throw<ClaimsPayloadException>($"the payload is cut at byte {cut}");
            }
            else
            {
                path.Evaluate(bytes).Values.Should().Equal("kestra-admin", "kestra-developer", "kestra-viewer");
            }
        }
    }

    [TestCase("[]", "an array")]
    [TestCase("\"groups\"", "a string")]
    [TestCase("42", "a number")]
    [TestCase("null", "null")]
    public void A_payload_that_is_not_an_object_is_an_error(string json, string kind)
    {
        var act = () => Groups.Evaluate(Encoding.UTF8.GetBytes(json));

        act.Should().Throw<ClaimsPayloadException>().Which.Message.Should().Be(
            $"KSO3103: the claims payload must be a JSON object, not {kind}");
    }

    [Test]
    public void A_5000_deep_payload_is_a_clear_error_not_a_crash()
    {
        var deep = "{\"a\":" + new string('[', 5000) + new string(']', 5000) + ",\"groups\":[\"g\"]}";

        var act = () => Groups.Evaluate(Encoding.UTF8.GetBytes(deep));

        var error = act.Should().Throw<ClaimsPayloadException>().Which;
        error.Code.Should().Be(ClaimsPayloadException.TooDeepCode);
        error.Message.Should().Be(
            "KSO3102: the claims payload is nested deeper than 64 levels (at byte 68); raise MaxDepth only if the identity provider really sends this");
    }

    [Test]
    public void A_5000_deep_truncated_payload_is_a_clear_error_not_a_crash()
    {
        var deep = "{\"groups\":" + new string('[', 5000);

        var act = () => ClaimPath.Parse("groups[0][0][0]").Evaluate(Encoding.UTF8.GetBytes(deep));

        act.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.TooDeepCode);
    }

    [Test]
    public void A_5000_deep_path_over_a_deep_payload_is_bounded_by_max_depth()
    {
        var path = ClaimPath.Parse(string.Join('.', Enumerable.Repeat("a", 5000)));
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000);

        var act = () => path.Evaluate(Encoding.UTF8.GetBytes(deep));

        act.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.TooDeepCode);
    }

    [Test]
    public void A_payload_within_a_raised_max_depth_is_read()
    {
        var json = "{\"a\":" + new string('[', 100) + new string(']', 100) + ",\"groups\":[\"g\"]}";
        var options = new ClaimPathEvaluationOptions { MaxDepth = 128 };

        Groups.Evaluate(Encoding.UTF8.GetBytes(json), options).Values.Should().Equal("g");
    }

    [Test]
    public void Json_nested_too_deep_inside_a_string_is_a_diagnostic()
    {
        var inner = "{\\\"k\\\":" + new string('[', 80) + new string(']', 80) + "}";
        var json = "{\"ra\":\"" + inner + "\"}";

        var result = ClaimPath.Parse("ra.k").Evaluate(Encoding.UTF8.GetBytes(json));

        result.Diagnostics.Should().ContainSingle().Which.Code.Should().Be(ClaimPathDiagnosticCodes.InvalidEmbeddedJson);
    }

    [Test]
    public void Invalid_utf8_is_a_payload_error()
    {
        byte[] json = [.. "{\"groups\":[\""u8, 0xC3, 0x28, .. "\"]}"u8];

        var act = () => Groups.Evaluate(json);

        act.Should().Throw<ClaimsPayloadException>();
    }
}
