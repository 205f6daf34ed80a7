using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.ClaimSources;

public sealed class IntrospectionCacheTests
{
    private const string Token = "opaque-token-value-4711";
    private ClaimSourceTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ClaimSourceTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private ValueTask<SourceDocument> IntrospectAsync(string token = Token) => _bed.Introspection.IntrospectAsync(token, DiscoveryTestbed.Client, CancellationToken.None);

    [Test]
    public async Task A_cache_hit_makes_no_request()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer());

        var first = await IntrospectAsync();
        var second = await IntrospectAsync();

        second.Should().BeSameAs(first);
        _bed.IntrospectionRequests.Should().Be(1);
    }

    [Test]
    public async Task Entries_live_at_most_the_cache_duration()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer(exp: _bed.Bed.Time.GetUtcNow().AddHours(1)));
        await IntrospectAsync();

        _bed.Bed.Time.Advance(TimeSpan.FromSeconds(59));
        await IntrospectAsync();
        _bed.IntrospectionRequests.Should().Be(1);

        _bed.Bed.Time.Advance(TimeSpan.FromSeconds(1));
        await IntrospectAsync();
        _bed.IntrospectionRequests.Should().Be(2);
    }

    [Test]
    public async Task Entries_never_outlive_the_tokens_exp()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer(exp: _bed.Bed.Time.GetUtcNow().AddSeconds(20)));
        await IntrospectAsync();

        _bed.Bed.Time.Advance(TimeSpan.FromSeconds(19));
        await IntrospectAsync();
        _bed.IntrospectionRequests.Should().Be(1);

        _bed.Bed.Time.Advance(TimeSpan.FromSeconds(1));
        await IntrospectAsync();
        _bed.IntrospectionRequests.Should().Be(2);
    }

    [Test]
    public async Task An_answer_whose_exp_is_already_past_is_not_kept()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer(exp: _bed.Bed.Time.GetUtcNow().AddSeconds(-1)));

        await IntrospectAsync();
        await IntrospectAsync();

        _bed.IntrospectionRequests.Should().Be(2);
    }

    [Test]
    public async Task A_cache_duration_of_zero_turns_the_cache_off()
    {
        _bed.Bed.Options.Extensions.Introspection.CacheDuration = TimeSpan.Zero;
        _bed.AnswerIntrospection(_bed.ActiveAnswer());

        await IntrospectAsync();
        await IntrospectAsync();

        _bed.IntrospectionRequests.Should().Be(2);
    }

    [Test]
    public async Task Inactive_answers_are_kept_too_so_junk_tokens_do_not_hammer_the_provider()
    {
        _bed.AnswerIntrospection("{\"active\":false}");

        await IntrospectAsync();
        (await IntrospectAsync()).Status.Should().Be(SourceStatus.Rejected);

        _bed.IntrospectionRequests.Should().Be(1);
    }

    [Test]
    public async Task Different_tokens_have_different_entries()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer());

        await IntrospectAsync("token-a");
        await IntrospectAsync("token-b");

        _bed.IntrospectionRequests.Should().Be(2);
    }

    [Test]
    public async Task The_cache_is_bounded()
    {
        _bed.Bed.Options.Extensions.Introspection.CacheSize = 2;
        _bed.AnswerIntrospection(_bed.ActiveAnswer());

        await IntrospectAsync("token-a");
        await IntrospectAsync("token-b");
        await IntrospectAsync("token-c");

        _bed.Cache.Count.Should().Be(2);
        await IntrospectAsync("token-c");
        _bed.IntrospectionRequests.Should().Be(4);
    }

    [Test]
    public async Task A_full_cache_makes_room_by_dropping_expired_entries()
    {
        _bed.Bed.Options.Extensions.Introspection.CacheSize = 1;
        _bed.AnswerIntrospection(_bed.ActiveAnswer(exp: _bed.Bed.Time.GetUtcNow().AddHours(1)));
        await IntrospectAsync("token-a");
        _bed.Bed.Time.Advance(TimeSpan.FromMinutes(2));

        await IntrospectAsync("token-b");
        await IntrospectAsync("token-b");

        _bed.IntrospectionRequests.Should().Be(2);
    }

    [Test]
    public void The_key_is_the_sha256_of_the_token_never_the_token()
    {
        var key = IntrospectionCache.KeyOf(Token);

        key.Should().Be(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Token))));
        key.Should().NotContain(Token).And.HaveLength(64);
    }
}
