using System.Collections.Frozen;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>
/// The header cache (issue 15): a header text read once is not read again, but it is still only a cache: each token is judged on
/// its own header, refused headers are never remembered, and the profile's header rules run on every token.
/// </summary>
public sealed class JwsHeaderCacheTests
{
    private static readonly FrozenSet<string> Rs256 = new[] { "RS256" }.ToFrozenSet();

    [Test]
    public void A_header_read_before_is_found_by_its_exact_text_only()
    {
        var cache = new JwsHeaderCache(Rs256);
        var header = new JwsHeader("RS256", "key-1", "JWT");

        cache.TryGet("eyJhbGciOiJSUzI1NiJ9", out _).Should().BeFalse("nothing was read yet");
        cache.Add("eyJhbGciOiJSUzI1NiJ9", header);

        cache.TryGet("eyJhbGciOiJSUzI1NiJ9", out var found).Should().BeTrue();
        found.Should().Be(header);
        cache.TryGet("eyJhbGciOiJSUzI1NiJ8", out _).Should().BeFalse("the same length, another text");
        cache.TryGet("eyJhbGciOiJSUzI1NiJ", out _).Should().BeFalse("a prefix is another text");
        cache.TryGet("eyJhbGciOiJSUzI1NiJ9A", out _).Should().BeFalse("a longer text is another text");
    }

    [Test]
    public void The_oldest_header_makes_room_and_the_last_ones_stay()
    {
        var cache = new JwsHeaderCache(Rs256);
        for (var i = 0; i <= JwsHeaderCache.Slots; i++)
        {
            cache.Add($"header{i}", new JwsHeader("RS256", $"key-{i}", null));
        }

        cache.TryGet("header0", out _).Should().BeFalse("the first of five made room for the fifth");
        for (var i = 1; i <= JwsHeaderCache.Slots; i++)
        {
            cache.TryGet($"header{i}", out var header).Should().BeTrue();
            header.Kid.Should().Be($"key-{i}");
        }
    }

    [Test]
    public void A_header_longer_than_the_limit_is_not_remembered()
    {
        var cache = new JwsHeaderCache(Rs256);
        var longPart = new string('A', JwsHeaderCache.MaxPartLength + 1);
        var atLimit = new string('B', JwsHeaderCache.MaxPartLength);

        cache.Add(longPart, new JwsHeader("RS256", "key", null));
        cache.Add(atLimit, new JwsHeader("RS256", "key", null));

        cache.TryGet(longPart, out _).Should().BeFalse();
        cache.TryGet(atLimit, out _).Should().BeTrue();
    }

    [Test]
    public void Only_a_header_that_passed_is_remembered()
    {
        var cache = new JwsHeaderCache(Rs256);
        var now = DateTimeOffset.UtcNow;
        var refused = TestTokenBuilder.IdToken(now).Header("crit", new[] { "exp" }).Build();
        var good = TestTokenBuilder.IdToken(now).Build();

        JwsReader.TryRead(refused, cache, out _, out var failure).Should().BeFalse();
        failure.Check.Should().Be(TokenCheck.CriticalHeader);
        cache.TryGet(refused.AsSpan(0, refused.IndexOf('.')), out _).Should().BeFalse("a refused header is read again each time");

        JwsReader.TryRead(good, cache, out var jws, out _).Should().BeTrue();
        cache.TryGet(good.AsSpan(0, good.IndexOf('.')), out var remembered).Should().BeTrue();
        remembered.Should().Be(jws.Header);
    }

    [Test]
    public async Task Tokens_with_one_header_are_each_judged_on_their_own_signature_and_claims()
    {
        using var bed = new DiscoveryTestbed();
        var good = bed.Token().Build();
        var tampered = bed.Token().WithTamperedSignature().Build();
        var expired = bed.Token().With("exp", bed.Time.GetUtcNow().AddHours(-1).ToUnixTimeSeconds()).Build();
        good[..good.IndexOf('.')].Should().Be(tampered[..tampered.IndexOf('.')]).And.Be(expired[..expired.IndexOf('.')], "the three share one header");

        (await bed.ValidateAsync(good)).IsValid.Should().BeTrue();
        (await bed.ValidateAsync(tampered)).Failure.Should().Be(IdTokenCheck.Signature);
        (await bed.ValidateAsync(expired)).Failure.Should().Be(IdTokenCheck.Expired);
        (await bed.ValidateAsync(good)).IsValid.Should().BeTrue();
    }

    [Test]
    public async Task A_header_of_the_same_length_is_read_for_its_own_key_id()
    {
        using var bed = new DiscoveryTestbed();
        var good = bed.Token().Build();
        var kid = TestKey.Current.KeyId;
        var other = bed.Token().Header("kid", new string(kid.Reverse().ToArray())).Build();
        other.IndexOf('.').Should().Be(good.IndexOf('.'), "both headers have the same length");

        (await bed.ValidateAsync(good)).IsValid.Should().BeTrue();
        var result = await bed.ValidateAsync(other);

        result.Failure.Should().Be(IdTokenCheck.UnknownKey);
        result.Message.Should().Contain($"'{new string(kid.Reverse().ToArray())}'");
    }

    [Test]
    public async Task The_profile_header_rule_applies_to_a_remembered_header_too()
    {
        using var bed = new DiscoveryTestbed();
        var accessToken = bed.Token().Without("typ").Header("typ", "at+jwt").Build();

        (await bed.ValidateAsync(accessToken)).Failure.Should().Be(IdTokenCheck.TokenType);
        (await bed.ValidateAsync(accessToken)).Failure.Should().Be(IdTokenCheck.TokenType, "the second time the header comes from the cache");
    }
}
