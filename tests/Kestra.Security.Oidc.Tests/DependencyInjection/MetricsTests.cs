using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tests.Tokens;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Kestra.Security.Oidc.Tests.DependencyInjection;

/// <summary>The <c>Kestra.Security.Oidc</c> meter: fetches, cache hits, accepted and rejected tokens by reason.</summary>
[NonParallelizable]
public sealed class MetricsTests
{
    private const string Meter = "Kestra.Security.Oidc";

    [Test]
    public async Task Fetches_cache_hits_and_rejections_by_reason_are_counted()
    {
        using var fetches = new MetricCollector<long>(null, Meter, "kestra_oidc.discovery.fetches");
        using var hits = new MetricCollector<long>(null, Meter, "kestra_oidc.discovery.cache_hits");
        using var accepted = new MetricCollector<long>(null, Meter, "kestra_oidc.tokens.accepted");
        using var rejected = new MetricCollector<long>(null, Meter, "kestra_oidc.tokens.rejected");
        using var bed = new DiscoveryTestbed();
        var authenticator = new KestraOidcAuthenticator(bed.Options, bed.Validator, new Kestra.Security.Oidc.Authorization.KestraRoleResolver(bed.Options));

        (await authenticator.AuthenticateAsync(bed.Token().Build(), DiscoveryTestbed.Client)).Succeeded.Should().BeTrue();
        (await authenticator.AuthenticateAsync(bed.Token().With("aud", "other").Build(), DiscoveryTestbed.Client)).Succeeded.Should().BeFalse();
        (await authenticator.AuthenticateAsync(bed.Token().With("azp", "other").Build(), DiscoveryTestbed.Client)).Succeeded.Should().BeFalse();
        await bed.GetAsync(); // the rejected tokens never reach discovery (SPEC §5.1): this read is the cache hit

        fetches.GetMeasurementSnapshot().Select(m => (m.Tags["document"], m.Tags["outcome"]))
            .Should().BeEquivalentTo(new[] { ((object?)"discovery document", (object?)"ok"), ("JWKS", "ok") });
        hits.GetMeasurementSnapshot().Should().NotBeEmpty();
        accepted.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["client"].Should().Be(DiscoveryTestbed.Client);
        rejected.GetMeasurementSnapshot().Select(m => m.Tags["reason"]).Should().BeEquivalentTo(new object?[] { "Audience", "AuthorizedParty" });
    }
}
