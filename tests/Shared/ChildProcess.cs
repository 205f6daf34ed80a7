using System.Diagnostics;

namespace Kestra.Security.Oidc.Testing;

/// <summary>Stops a server the tests started: close its stdin (our servers exit on that), then kill its tree after a grace period.</summary>
internal static class ChildProcess
{
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            await process.WaitForExitAsync(CancellationToken.None); // also drains redirected stdout/stderr
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
    }
}
