using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>Unknown <c>kid</c>: one JWKS refetch per cooldown, never for tokens that fail the claim checks.</summary>
public sealed class KeyRotationTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private int JwksFetches => _bed.Http.CountFor(DiscoveryTestbed.JwksUrl);

    [Test]
    public async Task A_token_signed_with_a_rotated_key_triggers_one_refetch_and_validates()
    {
        (await _bed.ValidateAsync(_bed.Token().Build())).IsValid.Should().BeTrue();
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Rotated, TestKey.Current));

        var result = await _bed.ValidateAsync(_bed.Token().SignedWith(TestKey.Rotated).Build());

        result.IsValid.Should().BeTrue(result.Message);
        JwksFetches.Should().Be(2);
        (await _bed.GetAsync()).SigningKeys.Select(k => k.KeyId).Should().Equal("key-2025-07", "key-2025-06");
        (await _bed.ValidateAsync(_bed.Token().SignedWith(TestKey.Rotated).Build())).IsValid.Should().BeTrue();
        JwksFetches.Should().Be(2, "the new key is cached");
    }

    [Test]
    public async Task An_unknown_kid_refetches_at_most_once_per_cooldown()
    {
        var unknown = _bed.Token().SignedWith(TestKey.Attacker).Build();

        (await _bed.ValidateAsync(unknown)).Failure.Should().Be(IdTokenCheck.UnknownKey);
        (await _bed.ValidateAsync(unknown)).Failure.Should().Be(IdTokenCheck.UnknownKey);
        JwksFetches.Should().Be(2, "the first fetch and one refetch");

        _bed.Time.Advance(TimeSpan.FromMinutes(5));
        var result = await _bed.ValidateAsync(unknown);

        result.Failure.Should().Be(IdTokenCheck.UnknownKey);
        result.Message.Should().Be("KSO5106: the token's key id 'attacker-key' is not in the provider's JWKS at 'http://localhost:8088/realms/kestra/protocol/openid-connect/certs' even after a refetch; the token was signed by another realm or provider");
        JwksFetches.Should().Be(3);
    }

    [Test]
    public async Task A_caller_holding_metadata_read_before_another_callers_refetch_finds_the_new_key_without_a_request()
    {
        // 200 concurrent callers in the integration tests: one read the old key set, another refetched, then the first found
        // the refetch cooling down and refused a valid token. The keys the other caller got are in the cache.
        var stale = await _bed.GetAsync();
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Rotated, TestKey.Current));
        (await _bed.ValidateAsync(_bed.Token().SignedWith(TestKey.Rotated).Build())).IsValid.Should().BeTrue("this caller refetched");
        var header = new Kestra.Security.Oidc.Tokens.Jws.JwsHeader("RS256", "key-2025-07", "JWT");

        var (key, failure) = await Kestra.Security.Oidc.Tokens.Jws.KeyResolver.ResolveAsync(
            _bed.Provider, stale, DiscoveryTestbed.Client, header, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);

        key.Should().NotBeNull(failure.Message);
        key!.KeyId.Should().Be("key-2025-07");
        JwksFetches.Should().Be(2, "the first fetch and the other caller's refetch");
    }

    [Test]
    public async Task Within_the_cooldown_the_message_says_no_refetch_was_made()
    {
        var unknown = _bed.Token().SignedWith(TestKey.Attacker).Build();
        await _bed.ValidateAsync(unknown);

        var result = await _bed.ValidateAsync(unknown);

        result.Message.Should().Contain("(refetched recently; not again before the cooldown)");
    }

    [Test]
    public async Task Junk_tokens_with_an_unknown_kid_cause_no_refetch()
    {
        await _bed.GetAsync();
        var junk = new[]
        {
            _bed.Token().SignedWith(TestKey.Attacker).With("iss", "https://evil.example.com").Build(),
            _bed.Token().SignedWith(TestKey.Attacker).With("aud", "other").Build(),
            _bed.Token().SignedWith(TestKey.Attacker).With("exp", 1).Build(),
            _bed.Token().SignedWith(TestKey.Attacker).Without("sub").Build(),
            _bed.Token().SignedWith(TestKey.Attacker).With("typ", "Bearer").Build(),
            _bed.Token().SignedWith(TestKey.Attacker).Unsigned().Build(),
        };

        foreach (var token in junk)
        {
            (await _bed.ValidateAsync(token)).IsValid.Should().BeFalse();
        }

        JwksFetches.Should().Be(1);
    }

    [Test]
    public async Task A_background_refresh_picks_up_a_rotation_without_a_refetch()
    {
        await _bed.GetAsync();
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, TestKey.Jwks(TestKey.Rotated));
        _bed.Time.Advance(TimeSpan.FromHours(1));
        await _bed.GetAsync();
        await _bed.SettleAsync();

        var result = await _bed.ValidateAsync(_bed.Token().SignedWith(TestKey.Rotated).Build());

        result.IsValid.Should().BeTrue(result.Message);
        (await _bed.ValidateAsync(_bed.Token().Build())).Failure.Should().Be(IdTokenCheck.UnknownKey, "the old key was retired");
    }
}
