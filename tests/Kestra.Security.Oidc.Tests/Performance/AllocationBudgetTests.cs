using System.Collections.ObjectModel;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Performance;

/// <summary>
/// Issue 15's allocation budget, counted exactly (<see cref="GC.GetAllocatedBytesForCurrentThread"/>: bytes, not time, so the
/// machine's load cannot make these fail): the cached lookups of the request path allocate nothing, and a validation allocates
/// little beyond the payload its result keeps. The whole path's bytes are BenchmarkDotNet's to report (README, Performance): in
/// the Debug build the tests run in, every async method's state machine is a class.
/// </summary>
public sealed class AllocationBudgetTests
{
    private const int Calls = 1000;

    private static double BytesPerCall(Action call)
    {
        for (var i = 0; i < 100; i++)
        {
            call();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
    }

    [Test]
    public async Task A_cached_metadata_lookup_allocates_nothing()
    {
        using var bed = new DiscoveryTestbed();
        await bed.GetAsync();

        BytesPerCall(() => bed.Provider.GetAsync(DiscoveryTestbed.Client)).Should().Be(0, "a known client's lookup builds no closure");
        BytesPerCall(() => bed.Provider.CacheFor(DiscoveryTestbed.Client)).Should().Be(0);
    }

    [Test]
    public void A_grant_cache_hit_allocates_nothing()
    {
        var cache = new GrantCache<object>();
        var built = new object();
        Func<IReadOnlyList<string>, object> build = _ => built;
        var groups = new ReadOnlyCollection<string>(["Admin", "Developer"]);
        cache.GetOrBuild(groups, build).Should().BeSameAs(built);

        BytesPerCall(() => cache.GetOrBuild(groups, build)).Should().Be(0, "the key is written on the stack and the groups are read by index");
    }

    [Test]
    public async Task A_validation_with_cached_keys_allocates_the_payload_it_keeps_and_little_more()
    {
        using var bed = new DiscoveryTestbed();
        var token = bed.Token().Build();
        var first = await bed.ValidateAsync(token);
        first.IsValid.Should().BeTrue(first.Message);

        // The validator is not an async method, so this holds in Debug builds too (an async method's state machine is a class there).
        var bytes = BytesPerCall(() => bed.Validator.ValidateAsync(token, DiscoveryTestbed.Client).GetAwaiter().GetResult());

        TestContext.Out.WriteLine($"{bytes:F0} bytes per validation, payload {first.PayloadUtf8.Length} bytes");
        bytes.Should().BeLessThanOrEqualTo(first.PayloadUtf8.Length + 512,
            "the decoded payload the result keeps, then the result, the subject, the audiences and the located identity: no header, no closure, no copy");
    }
}
