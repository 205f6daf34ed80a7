using Microsoft.Extensions.Hosting;

namespace Kestra.Security.Oidc.AspNetCore.State;

/// <summary>Connects the shared state when the host starts, before the first request.</summary>
internal sealed class SharedStateHostedService(SharedStateHost state) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => state.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
