using System.Diagnostics;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>Waits for a condition to become true (a signal), with a generous timeout; never "sleep, then assert it did not happen".</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Polls every 5 ms; returns how long it took; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static Task<TimeSpan> Async(Func<bool> condition, string what) => Async(() => Task.FromResult(condition()), what);

    /// <summary>The same with an asynchronous condition (an HTTP request, …).</summary>
    public static async Task<TimeSpan> Async(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > Timeout)
            {
                throw new TimeoutException($"waited {Timeout.TotalSeconds} s for {what}");
            }

            await Task.Delay(5);
        }

        return watch.Elapsed;
    }
}
