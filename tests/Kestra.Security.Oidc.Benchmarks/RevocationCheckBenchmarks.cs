using BenchmarkDotNet.Attributes;
using Kestra.Security.Oidc.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>
/// What the revocation check adds to a request (SPEC §9, target ≤ 1.05×): the library's token validation (keys cached)
/// alone, against the same validation followed by the revocation check with Redis configured (a real redis-server on
/// 127.0.0.1, the store synchronised, 10,000 other sessions revoked). The check reads the local copy the Redis
/// subscription feeds: no round trip per request.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class RevocationCheckBenchmarks
{
    private const int RevokedSessions = 10_000;
    private readonly TokenPipelineBenchmarks _pipeline = new();
    private LocalRedis _redis = null!;
    private IHost _host = null!;
    private ISessionRevocationStore _store = null!;
    private SessionReference _session;

    [GlobalSetup]
    public async Task Setup()
    {
        _pipeline.Setup();
        _redis = LocalRedis.Start();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddKestraOidc(options => options.Extensions.SharedCache.Redis = _redis.Endpoint);
        builder.Services.AddKestraSharedState();
        _host = builder.Build();
        await _host.StartAsync();
        _store = _host.Services.GetRequiredService<ISessionRevocationStore>();

        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < RevokedSessions; i++)
        {
            await _store.RevokeAsync(new SessionRevocation(InMemoryProvider.Issuer, $"sid-{i}", $"user-{i}", now, now.AddHours(1)));
        }

        _session = new SessionReference(InMemoryProvider.Issuer, "0e5c9a3b-7d21-4f6e-8b4a-1c2d3e4f5a6b", "f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90", now);
        var last = new SessionReference(InMemoryProvider.Issuer, $"sid-{RevokedSessions - 1}", null, now);
        if (_store.Check(in last) != RevocationStatus.Revoked || _store.Check(in _session) != RevocationStatus.Active
            || !await BearerValidationThenRevocationCheck())
        {
            throw new InvalidOperationException("the benchmark's revocation store is not in the expected state");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.StopAsync();
        _host.Dispose();
        _redis.Dispose();
        _pipeline.Cleanup();
    }

    /// <summary>The same request without revocation: the library's validation of one RS256 token.</summary>
    [Benchmark(Baseline = true)]
    public Task<bool> BearerValidation() => _pipeline.KestraValidate();

    /// <summary>The validation, then the revocation check with Redis configured.</summary>
    [Benchmark]
    public async Task<bool> BearerValidationThenRevocationCheck() =>
        await _pipeline.KestraValidate() && _store.Check(in _session) == RevocationStatus.Active;

    /// <summary>The revocation check alone (its absolute cost).</summary>
    [Benchmark]
    public RevocationStatus RevocationCheckOnly() => _store.Check(in _session);
}
