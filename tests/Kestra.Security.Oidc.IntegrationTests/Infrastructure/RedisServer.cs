using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> (Debian package; <c>.ci/run</c> installs it) on a free 127.0.0.1 port, without
/// persistence. <see cref="KillAsync"/> kills it (SIGKILL, as a crash would); <see cref="RestartAsync"/> starts a fresh one
/// on the same port. Disposing stops it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "redis-server";
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary><c>127.0.0.1:{port}</c>, as <c>shared-cache.redis</c> takes it.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>What the server printed (for failure messages).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (a moment ago).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/>, empty, and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("redis-server is already running");
        }

        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "notice",
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"'{Executable}' could not be started ({ex.Message}); install Debian's package: apt-get install -y redis-server (.ci/run does)", ex);
        }

        _process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, ready);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited:{Environment.NewLine}{Output}"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server at once (SIGKILL) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process?.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource ready)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
