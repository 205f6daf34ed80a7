namespace Kestra.Security.Oidc.ApiSample;

/// <summary>Stops the sample when its standard input closes: a test harness that started it and died leaves no process behind.</summary>
internal sealed class StdinWatcher(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Console.IsInputRedirected)
        {
            return Task.CompletedTask;
        }

        var thread = new Thread(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }

            lifetime.StopApplication();
        })
        { IsBackground = true, Name = "stdin watcher" };
        thread.Start();
        return Task.CompletedTask;
    }
}
