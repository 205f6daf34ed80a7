using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>A throw-away <c>redis-server</c> (Debian package) on a free 127.0.0.1 port, no persistence; killed on dispose.</summary>
internal sealed class LocalRedis : IDisposable
{
    private readonly Process _process;

    private LocalRedis(Process process, int port)
    {
        _process = process;
        Endpoint = $"127.0.0.1:{port}";
    }

    public string Endpoint { get; }

    public static LocalRedis Start()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var info = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server)");
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new LocalRedis(process, port);
            }
        }

        throw new InvalidOperationException("redis-server exited before accepting connections");
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
