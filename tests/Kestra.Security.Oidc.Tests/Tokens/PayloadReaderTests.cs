using System.Text;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

public sealed class PayloadReaderTests
{
    private static (bool Ok, PayloadClaims Claims, string Error) Read(string json)
    {
        var ok = PayloadReader.TryRead(Encoding.UTF8.GetBytes(json), out var claims, out var error);
        return (ok, claims, error);
    }

    [Test]
    public void The_registered_claims_are_picked_out_and_others_skipped()
    {
        var (ok, claims, _) = Read("""{"iss":"https://i","aud":["a","b"],"azp":"a","sub":"s","exp":1.7e9,"nbf":5,"nonce":"n","typ":"ID","resource_access":{"x":{"roles":["r"]}}}""");

        ok.Should().BeTrue();
        claims.Issuer.Text.Should().Be("https://i");
        claims.Audiences.Should().Equal("a", "b");
        claims.AuthorizedParty.Text.Should().Be("a");
        claims.Subject.Text.Should().Be("s");
        claims.Expiry.Number.Should().Be(1.7e9);
        claims.NotBefore.Number.Should().Be(5);
        claims.Nonce.Text.Should().Be("n");
        claims.Type.Text.Should().Be("ID");
    }

    [Test]
    public void An_escaped_claim_name_is_read_as_the_claim() =>
        Read("""{"\u0069ss":"https://i"}""").Claims.Issuer.Text.Should().Be("https://i");

    [TestCase("""{"sub":"a","sub":"b"}""", "sub")]
    [TestCase("""{"iss":"good","\u0069ss":"evil"}""", "iss")]
    [TestCase("""{"\u0069ss":"evil","iss":"good"}""", "iss")]
    [TestCase("""{"groups":["a"],"groups":["admin"]}""", "groups")]
    public void A_duplicate_claim_is_refused(string json, string claim) =>
        Read(json).Error.Should().Be($"the token's payload has the claim '{claim}' twice");

    [Test]
    public void A_duplicate_among_many_claims_is_refused()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"\"c{i}\":{i}").Append("\"c7\":0");

        Read("{" + string.Join(",", names) + "}").Error.Should().Be("the token's payload has the claim 'c7' twice");
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
    public void An_invalid_audience_is_present_but_unusable(string json)
    {
        var (ok, claims, _) = Read(json);

        ok.Should().BeTrue();
        claims.HasAudience.Should().BeTrue();
        claims.Audiences.Should().BeNull();
    }
}
