using Kestra.Security.Oidc.State;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>One "instance" of a service: its own host, its own Redis connection (multiplexer), its own logs.</summary>
internal sealed class SharedStateInstance : IAsyncDisposable
{
    private readonly IHost _host;

    private SharedStateInstance(IHost host, FakeLogCollector logs)
    {
        _host = host;
        Logs = logs;
    }

    public ISessionRevocationStore Revocations => _host.Services.GetRequiredService<ISessionRevocationStore>();

    public IReplayCache ReplayCache => _host.Services.GetRequiredService<IReplayCache>();

    public IDistributedCache Cache => _host.Services.GetRequiredKeyedService<IDistributedCache>(SharedStateKeys.DistributedCache);

    public FakeLogCollector Logs { get; }

    public static async Task<SharedStateInstance> StartAsync(string? redis, bool failClosed = false, TimeSpan? resyncInterval = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddKestraOidc(options =>
        {
            options.Extensions.SharedCache.Redis = redis;
            options.Extensions.SharedCache.FailClosed = failClosed;
            options.Extensions.SharedCache.ResyncInterval = resyncInterval ?? TimeSpan.FromSeconds(30);
        });
        builder.Services.AddKestraSharedState();
        builder.Services.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        var host = builder.Build();
        await host.StartAsync();
        return new SharedStateInstance(host, host.Services.GetFakeLogCollector());
    }

    /// <summary>Waits (generously) until a log line with <paramref name="eventId"/> was written.</summary>
    public Task WaitForLogAsync(int eventId) =>
        Eventually.Async(() => Logs.GetSnapshot().Any(r => r.Id.Id == eventId), $"log event {eventId}");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
