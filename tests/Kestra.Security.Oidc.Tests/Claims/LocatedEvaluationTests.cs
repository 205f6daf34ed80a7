using System.Text;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tests.Claims;

/// <summary>
/// The groups claim path on a validated payload starts where the strict payload pass found its first member (issue 15): the
/// pass must point at that member's value, and the evaluation from there must equal the evaluation from the top.
/// </summary>
public sealed class LocatedEvaluationTests
{
    private static int Located(string json, string name, byte[]? literal = null)
    {
        JwsPayloadReader.TryRead(Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(name), literal, out var claims, out var error).Should().BeTrue(error);
        return claims.LocatedStart - 1;
    }

    [TestCase("""{"resource_access.kestra.roles":["literal"],"resource_access":{"kestra":{"roles":["walked"]}}}""")]
    [TestCase("""{"resource_access":{"kestra":{"roles":["walked"]}},"resource_access\u002ekestra.roles":["escaped literal"]}""")]
    public void A_top_level_member_named_like_the_whole_path_leaves_nothing_located(string json)
    {
        Located(json, "resource_access").Should().BeGreaterThan(0, "without the literal name to look for, the member is located");
        Located(json, "resource_access", ClaimPath.Parse("resource_access.kestra.roles").LiteralUtf8).Should().Be(-1, "the literal rule reads that member: the resolver walks from the top");
    }

    [TestCase("""{"sub":"a","resource_access":{"kestra":{"roles":["r"]}}}""", '{')]
    [TestCase("""{"resource\u005faccess" : ["r"], "sub":"a"}""", '[')]
    [TestCase("""{"sub":"a","resource_access":"text"}""", '"')]
    public void The_payload_pass_points_at_the_value_of_the_named_member(string json, char first)
    {
        var start = Located(json, "resource_access");

        start.Should().BeGreaterThan(0);
        json[start].Should().Be(first, "the offset is that of the value's first byte (ASCII payloads: bytes and chars agree)");
    }

    [TestCase("""{"sub":"a","resource_access":{"kestra":{"roles":["r"]}},"x":1}""", """{"kestra":{"roles":["r"]}}""")]
    [TestCase("""{"resource_access" : [ "r" , "s" ] , "sub":"a"}""", """[ "r" , "s" ]""")]
    [TestCase("""{"sub":"a","resource_access":"te\"xt"}""", "\"te\\\"xt\"")]
    [TestCase("""{"resource_access":12.5e3}""", "12.5e3")]
    [TestCase("""{"resource_access":null,"sub":"a"}""", "null")]
    public void The_payload_pass_spans_the_whole_value_of_the_named_member(string json, string value)
    {
        // The span is what the resolver remembers groups by (issue 15): all of the value, nothing after it.
        JwsPayloadReader.TryRead(Encoding.UTF8.GetBytes(json), "resource_access"u8, default, out var claims, out var error).Should().BeTrue(error);

        json.Substring(claims.LocatedStart - 1, claims.LocatedLength).Should().Be(value);
    }

    [Test]
    public void An_absent_member_is_not_located()
    {
        Located("""{"sub":"a","realm_access":{"roles":["r"]}}""", "resource_access").Should().Be(-1);
    }

    [Test]
    public void A_located_evaluation_starts_where_it_is_told_without_searching_again()
    {
        // Pointed at another member's value of the same shape, it reads that one: proof that the offset is used.
        const string json = """{"decoy":{"kestra":{"roles":["decoy"]}},"resource_access":{"kestra":{"roles":["real"]}}}""";
        var utf8 = Encoding.UTF8.GetBytes(json);
        var path = ClaimPath.Parse("resource_access.kestra.roles");

        path.EvaluateLocated(utf8, json.IndexOf("{\"kestra\"", StringComparison.Ordinal), ClaimPathEvaluationOptions.Default).Values.Should().Equal("decoy");
        path.EvaluateLocated(utf8, Located(json, "resource_access"), ClaimPathEvaluationOptions.Default).Values.Should().Equal("real");
    }

    private static IEnumerable<TestCaseData> Shapes()
    {
        var cases = new (string Path, string Json)[]
        {
            ("resource_access.kestra.roles", """{"sub":"a","resource_access":{"account":{"roles":["x"]},"kestra":{"roles":["Admin","Developer"]}}}"""),
            ("resource_access.kestra.roles", """{"resource_access":{"kestra":{"roles":"Admin"}}}"""),
            ("resource_access.kestra.roles", """{"resource_access":{"kestra":{}}}"""),
            ("resource_access.kestra.roles", """{"resource_access":{"kestra":{"roles":["Admin",1,"",null]}}}"""),
            ("resource_access.kestra.roles", """{"resource_access":"not an object"}"""),
            ("resource_access.kestra.roles", """{"resource_access":[{"kestra":1}]}"""),
            ("resource_access.kestra.roles", """{"resource_access":{"k\u0065stra":{"roles":["escaped inner name"]}}}"""),
            ("resource_access.kestra.roles", """{"resource_access.kestra.roles":["literal"],"resource_access":{"kestra":{"roles":["walked"]}}}"""),
            ("resource_access.kestra.roles", """{"resource_access":{"kestra":{"roles":["a"]}},"note":"a \\ backslash"}"""),
            ("groups", """{"groups":["/kestra/admins","/kestra/devs"]}"""),
            ("groups", """{"groups":"a,b"}"""),
            ("groups", """{"groups":{"nested":true}}"""),
            ("groups[0]", """{"groups":["first","second"]}"""),
            ("realm_access.roles[1]", """{"realm_access":{"roles":["a","b"]}}"""),
            ("realm_access.roles[5]", """{"realm_access":{"roles":["a","b"]}}"""),
        };
        foreach (var (path, json) in cases)
        {
            yield return new TestCaseData(path, json).SetName($"{path} over {json}");
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void A_located_evaluation_equals_the_evaluation_from_the_top(string pathText, string json)
    {
        var path = ClaimPath.Parse(pathText);
        var utf8 = Encoding.UTF8.GetBytes(json);
        var start = Located(json, path.Segments[0].Name, path.LiteralUtf8);
        var full = path.Evaluate(utf8);

        var located = path.EvaluateLocated(utf8, start, ClaimPathEvaluationOptions.Default);

        located.Found.Should().Be(full.Found);
        located.Values.Should().Equal(full.Values);
        located.Diagnostics.Select(d => d.Code + " " + d.Message).Should().Equal(full.Diagnostics.Select(d => d.Code + " " + d.Message));
    }
}
