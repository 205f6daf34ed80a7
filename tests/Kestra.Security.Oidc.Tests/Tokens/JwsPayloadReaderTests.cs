using System.Text;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tests.Tokens;

public sealed class JwsPayloadReaderTests
{
    private static (bool Ok, RegisteredClaims Claims, string Error, byte[] Payload) Read(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        var ok = JwsPayloadReader.TryRead(payload, out var claims, out var error);
        return (ok, claims, error, payload);
    }

    [Test]
    public void The_registered_claims_are_picked_out_and_others_skipped()
    {
        var (ok, claims, _, payload) = Read("""{"iss":"https://i","aud":["a","b"],"azp":"a","sub":"s","exp":1.7e9,"nbf":5,"iat":4,"nonce":"n","typ":"ID","jti":"j","sid":"x","client_id":"c","events":{"e":{}},"resource_access":{"x":{"roles":["r"]}}}""");

        ok.Should().BeTrue();
        claims.Issuer.GetString(payload).Should().Be("https://i");
        AudienceList.ToList(payload, claims).Should().Equal("a", "b");
        claims.AudienceCount.Should().Be(2);
        claims.AuthorizedParty.GetString(payload).Should().Be("a");
        claims.Subject.GetString(payload).Should().Be("s");
        claims.Expiry.NumberIn(payload).Should().Be(1.7e9);
        claims.Expiry.Describe(payload).Should().Be("1.7e9");
        claims.NotBefore.NumberIn(payload).Should().Be(5);
        claims.IssuedAt.NumberIn(payload).Should().Be(4);
        claims.Nonce.GetString(payload).Should().Be("n");
        claims.Type.TextEquals(payload, "ID").Should().BeTrue();
        claims.JwtId.GetString(payload).Should().Be("j");
        claims.SessionId.GetString(payload).Should().Be("x");
        claims.ClientId.GetString(payload).Should().Be("c");
        claims.Events.Kind.Should().Be(System.Text.Json.JsonValueKind.Object);
    }

    [Test]
    public void An_escaped_claim_name_is_read_as_the_claim()
    {
        var (_, claims, _, payload) = Read("""{"\u0069ss":"https://i","sub":"a\u00e9b"}""");

        claims.Issuer.GetString(payload).Should().Be("https://i");
        claims.Subject.GetString(payload).Should().Be("aéb");
        claims.Subject.TextEquals(payload, "aéb").Should().BeTrue();
    }

    [TestCase("""{"sub":"a","sub":"b"}""", "sub")]
    [TestCase("""{"iss":"good","\u0069ss":"evil"}""", "iss")]
    [TestCase("""{"\u0069ss":"evil","iss":"good"}""", "iss")]
    [TestCase("""{"groups":["a"],"groups":["admin"]}""", "groups")]
    public void A_duplicate_claim_is_refused(string json, string claim) =>
        Read(json).Error.Should().Be($"the token's payload has the claim '{claim}' twice");

    [Test]
    public void Names_of_one_to_eighteen_bytes_that_differ_in_any_one_byte_are_distinct_and_a_repeat_is_not()
    {
        // Up to eight bytes a name is its own key; longer ones share a key when their first and last eight bytes match.
        for (var length = 1; length <= 18; length++)
        {
            var name = new string('a', length);
            Read($$"""{"{{name}}":1,"{{name}}":2}""").Error.Should().Be($"the token's payload has the claim '{name}' twice");
            Read($$"""{"{{name}}":1,"{{name}}a":2}""").Ok.Should().BeTrue($"'{name}' and '{name}a' are two names");
            for (var at = 0; at < length; at++)
            {
                var other = name.Remove(at, 1).Insert(at, "b");
                Read($$"""{"{{name}}":1,"{{other}}":2}""").Ok.Should().BeTrue($"'{name}' and '{other}' are two names");
            }
        }
    }

    [TestCase(20)]
    [TestCase(40)]
    public void Every_repeat_among_many_names_is_found_and_no_distinct_name_is_taken_for_one(int count)
    {
        // Short names of one to eight bytes (their own key) and long look-alikes (same length, same first and last eight bytes:
        // one key, compared byte by byte), so many share a bit of the per-object mask; 40 names also pass the switch to a hash
        // set, which is filled from the stored keys (issue 15).
        var names = Enumerable.Range(0, count / 2).Select(i => (char)('a' + (i % 26)) + new string('q', i % 8))
            .Concat(Enumerable.Range(0, count / 2).Select(i => $"abcdefgh{i:D2}stuvwxyz")).ToList();
        names.Should().OnlyHaveUniqueItems();
        string Json(IEnumerable<string> members) => "{" + string.Join(",", members.Select((n, i) => $"\"{n}\":{i}")) + "}";

        Read(Json(names)).Ok.Should().BeTrue("distinct names");
        Read("""{"o":""" + Json(names) + "}").Ok.Should().BeTrue("the same inside a claim's value");
        foreach (var repeated in names)
        {
            Read(Json(names.Append(repeated))).Error.Should().Be($"the token's payload has the claim '{repeated}' twice");
            Read("""{"o":""" + Json(names.Append(repeated)) + "}").Error.Should().Be("the token's payload has a duplicate member inside a claim's value (refused at every depth)");
        }
    }

    [TestCase("""{"exp":1764600000}""", 1764600000d)]
    [TestCase("""{"exp":9007199254740993}""", 9007199254740992d)]
    [TestCase("""{"exp":-5}""", -5d)]
    [TestCase("""{"exp":1.5e9}""", 1.5e9)]
    [TestCase("""{"exp":1764600000.75}""", 1764600000.75)]
    [TestCase("""{"exp":99999999999999999999}""", 1e20)]
    [TestCase("""{"exp":1.5E+9}""", 1.5e9)]
    [TestCase("""{"exp":-0}""", 0d)]
    [TestCase("""{"exp":1e400}""", double.NaN)]
    [TestCase("""{"exp":"1764600000"}""", double.NaN)]
    public void A_number_claim_reads_as_its_nearest_double_whether_integer_or_not(string json, double expected)
    {
        var (ok, claims, _, payload) = Read(json);

        ok.Should().BeTrue();
        claims.Expiry.NumberIn(payload).Should().Be(expected);
    }

    [TestCase("""{"a":{"b":1,"b":2}}""")]
    [TestCase("""{"a":{"x":{"b":1,"\u0062":2}}}""")]
    [TestCase("""{"a":[{"b":1},{"c":1,"c":2}]}""")]
    [TestCase("""{"aud":["x",{"b":1,"b":2}]}""")]
    [TestCase("""{"exp":{"b":1,"b":2}}""")]
    public void A_duplicate_member_at_any_depth_is_refused(string json) =>
        Read(json).Error.Should().Be("the token's payload has a duplicate member inside a claim's value (refused at every depth)");

    [TestCase("""{"a":{"b":1},"c":{"b":1}}""")]
    [TestCase("""{"a":[{"b":1},{"b":2}],"b":3}""")]
    [TestCase("""{"a":{"b":{"b":{"b":1}}}}""")]
    public void The_same_name_in_different_objects_is_fine(string json) =>
        Read(json).Ok.Should().BeTrue();

    [Test]
    public void A_duplicate_among_many_claims_is_refused()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"\"c{i}\":{i}").Append("\"c7\":0");

        Read("{" + string.Join(",", names) + "}").Error.Should().Be("the token's payload has the claim 'c7' twice");
    }

    [Test]
    public void A_duplicate_among_many_nested_members_is_refused()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"\"c{i}\":{i}").Append("\"c499\":0");

        Read("{\"x\":{" + string.Join(",", names) + "}}").Ok.Should().BeFalse();
    }

    [Test]
    public void Many_distinct_claims_are_fine() =>
        Read("{" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"c{i}\":{i}")) + "}").Ok.Should().BeTrue();

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("{\"a\":1} {\"b\":2}")]
    [TestCase("{\"a\":")]
    [TestCase("")]
    public void A_payload_that_is_not_one_json_object_is_refused(string json) =>
        Read(json).Ok.Should().BeFalse();

    [TestCase("""{"aud":[]}""")]
    [TestCase("""{"aud":["a",1]}""")]
    [TestCase("""{"aud":{"a":1}}""")]
    [TestCase("""{"aud":1}""")]
    public void An_invalid_audience_is_present_but_unusable(string json)
    {
        var (ok, claims, _, payload) = Read(json);

        ok.Should().BeTrue();
        claims.Audience.IsPresent.Should().BeTrue();
        claims.AudienceCount.Should().Be(0);
        AudienceList.ToList(payload, claims).Should().BeEmpty();
    }

    [TestCase("""{"sub":"\ud800"}""")]
    [TestCase("""{"aud":["\udc00"]}""")]
    public void An_unpaired_surrogate_in_a_registered_claim_is_refused(string json) =>
        Read(json).Error.Should().Be("the token's payload holds a string that is not valid UTF-8 or has an unpaired surrogate escape");

    [TestCase("""{"iss":"ab"}""", 8, 0xFF, TestName = "in a registered claim")]
    [TestCase("""{"name":"ab"}""", 9, 0xFF, TestName = "in any other claim")]
    [TestCase("""{"ab":1}""", 2, 0xC0, TestName = "in a claim name")]
    [TestCase("""{"x":{"ab":["cd"]}}""", 13, 0xED, TestName = "deep inside a claim's value")]
    public void Invalid_utf8_anywhere_in_the_payload_is_refused(string json, int at, int value)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        payload[at] = (byte)value;

        JwsPayloadReader.TryRead(payload, out _, out var error).Should().BeFalse();
        error.Should().Be("the token's payload is not valid UTF-8 (RFC 8259 §8.1: JSON text is UTF-8)");
    }
}
