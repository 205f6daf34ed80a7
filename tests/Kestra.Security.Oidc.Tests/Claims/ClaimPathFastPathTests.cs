using System.Text;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

/// <summary>The structural fast path must agree with the full reader walk around escapes and long strings.</summary>
public sealed class ClaimPathFastPathTests
{
    private static IReadOnlyList<string> Fast(string json) =>
        ClaimPath.Parse("resource_access.kestra.roles").Evaluate(Encoding.UTF8.GetBytes(json)).Values;

    private static IReadOnlyList<string> Strict(string json) =>
        ClaimPath.Parse("resource_access.kestra.roles").Evaluate(Encoding.UTF8.GetBytes(json), new ClaimPathEvaluationOptions { ValidateWholePayload = true }).Values;

    [TestCase("""{"a\"b": "x", "resource_access": {"kestra": {"roles": ["r1"]}}}""")]
    [TestCase("""{"name": "a string that is longer than twenty-four bytes with an escaped \" quote in it", "resource_access": {"kestra": {"roles": ["r1"]}}}""")]
    [TestCase("""{"n": "\\", "resource_access": {"kestra": {"roles": ["r1"]}}}""")]
    [TestCase("""{"long-escaped-key-beyond-twenty-four-bytes-\u0041": 1, "resource_access": {"kestra": {"roles": ["r1"]}}}""")]
    [TestCase("""{"resource\u005faccess": {"kestra": {"roles": ["r1"]}}}""")]
    [TestCase("""{"x": ["\"]", "}"], "resource_access": {"kestra": {"roles": ["r1"]}}}""")]
    public void Escapes_before_the_value_do_not_mislead_the_fast_path(string json)
    {
        Fast(json).Should().Equal("r1").And.Equal(Strict(json));
    }
}
