using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

public sealed class ClaimPathParseTests
{
    [TestCase("resource_access.kestra.roles", "resource_access.kestra.roles")]
    [TestCase("groups", "groups")]
    [TestCase("cognito:groups", "cognito:groups")]
    [TestCase("https://kestra.io/groups", "https://kestra.io/groups")]
    [TestCase("allowed-origins", "allowed-origins")]
    [TestCase("resource_access.\"my.client\".roles", "resource_access[\"my.client\"].roles")]
    [TestCase("resource_access.'my.client'.roles", "resource_access[\"my.client\"].roles")]
    [TestCase("resource_access['my.client'].roles", "resource_access[\"my.client\"].roles")]
    [TestCase("resource_access[\"my.client\"].roles", "resource_access[\"my.client\"].roles")]
    [TestCase(@"resource_access.my\.client.roles", "resource_access[\"my.client\"].roles")]
    [TestCase("groups[0]", "groups[0]")]
    [TestCase("groups[007]", "groups[7]")]
    [TestCase("groups[-1]", "groups[-1]")]
    [TestCase("groups[*].name", "groups[*].name")]
    [TestCase("a[*][*]", "a[*][*]")]
    [TestCase("['https://kestra.io/groups']", "[\"https://kestra.io/groups\"]")]
    [TestCase("[\"/starts-with-slash\"]", "[\"/starts-with-slash\"]")]
    [TestCase("[\"\"]", "[\"\"]")]
    [TestCase(@"['it\'s']", "[\"it's\"]")]
    [TestCase(@"[""say \""hi\""""]", @"[""say \""hi\""""]")]
    [TestCase(@"back\\slash", @"[""back\\slash""]")]
    [TestCase("a]b", "[\"a]b\"]")]
    [TestCase("with space.x", "with space.x")]
    [TestCase("/resource_access/kestra/roles", "/resource_access/kestra/roles")]
    [TestCase("/a~1b/c~0d", "/a~1b/c~0d")]
    [TestCase("/", "/")]
    [TestCase("/groups/0", "/groups/0")]
    public void Every_grammar_form_parses_to_its_canonical_form(string text, string canonical)
    {
        var path = ClaimPath.Parse(text);

        path.Text.Should().Be(text);
        path.ToString().Should().Be(canonical);
        ClaimPath.Parse(canonical).Should().Be(path);
    }

    [Test]
    public void Quoted_dotted_escaped_and_bracketed_forms_are_the_same_path()
    {
        var forms = new[]
        {
            "resource_access.\"my.client\".roles",
            "resource_access.'my.client'.roles",
            "resource_access['my.client'].roles",
            "resource_access[\"my.client\"].roles",
            @"resource_access.my\.client.roles",
        }.Select(ClaimPath.Parse).ToList();

        forms.Distinct().Should().ContainSingle();
        forms.Select(p => p.GetHashCode()).Distinct().Should().ContainSingle();
    }

    [Test]
    public void A_pointer_and_a_dotted_path_are_different_paths()
    {
        ClaimPath.Parse("/a/b").Should().NotBe(ClaimPath.Parse("a.b"));
    }

    [TestCase("", 1, "a claim name")]
    [TestCase(".a", 1, "a segment name")]
    [TestCase("a.", 3, "a segment name")]
    [TestCase("a..b", 3, "a segment name")]
    [TestCase("a.[0]", 3, "a segment name")]
    [TestCase("a[", 3, "an index, '*' or a quoted name")]
    [TestCase("a[]", 3, "an index, '*' or a quoted name")]
    [TestCase("a[x]", 3, "an index, '*' or a quoted name")]
    [TestCase("a[0", 4, "']'")]
    [TestCase("a[*", 4, "']'")]
    [TestCase("a[-]", 4, "a digit")]
    [TestCase("a[-0]", 4, "a non-zero index after '-'")]
    [TestCase("a[99999999999]", 3, "an index no larger than 2147483647")]
    [TestCase("a['b'", 6, "']'")]
    [TestCase("a['b", 5, "a closing '")]
    [TestCase("a.\"b", 5, "a closing \"")]
    [TestCase("a.\"b\"c", 6, "'.', '[' or the end of the path")]
    [TestCase("a[0]b", 5, "'.', '[' or the end of the path")]
    [TestCase("ab\"c", 3, "a name character (quotes may only surround a whole segment)")]
    [TestCase(@"a\", 3, "a character after '\\'")]
    [TestCase(@"a\n", 3, "one of . [ ] \" ' \\ after '\\'")]
    [TestCase("/a~", 4, "'0' or '1' after '~' (RFC 6901: ~0 is '~', ~1 is '/')")]
    [TestCase("/a~2", 4, "'0' or '1' after '~' (RFC 6901: ~0 is '~', ~1 is '/')")]
    public void Malformed_paths_report_the_column_and_what_was_expected(string text, int column, string expected)
    {
        var act = () => ClaimPath.Parse(text);

        var error = act.Should().Throw<ClaimPathSyntaxException>().Which;
        error.Column.Should().Be(column);
        error.Expected.Should().Be(expected);
        error.Path.Should().Be(text);
        error.Code.Should().Be("KSO3100");
        error.Message.Should().Be($"KSO3100: invalid claim path '{text}' at column {column}: expected {expected}.");
    }

    [Test]
    public void TryParse_returns_the_error_instead_of_throwing()
    {
        ClaimPath.TryParse("a..b", out var path, out var error).Should().BeFalse();
        path.Should().BeNull();
        error!.Column.Should().Be(3);

        ClaimPath.TryParse("a.b", out path, out error).Should().BeTrue();
        path!.ToString().Should().Be("a.b");
        error.Should().BeNull();
    }

    [Test]
    public void TryParse_of_null_fails_like_an_empty_path()
    {
        ClaimPath.TryParse(null, out _, out var error).Should().BeFalse();
        error!.Expected.Should().Be("a claim name");
    }

    [Test]
    public void Parse_of_null_throws_ArgumentNullException()
    {
        var act = () => ClaimPath.Parse(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Syntax_errors_are_FormatExceptions()
    {
        var act = () => ClaimPath.Parse("a..b");

        act.Should().Throw<FormatException>();
    }
}
