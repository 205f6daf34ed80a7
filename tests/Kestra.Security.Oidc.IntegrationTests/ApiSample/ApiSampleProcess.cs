using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.ApiSample;

/// <summary>
/// samples/Kestra.Security.Oidc.ApiSample as a process on a free loopback port (<c>--config FILE --urls URL</c>), stopped by
/// closing its standard input.
/// </summary>
public sealed class ApiSampleProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "READY ";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ApiSampleProcess(Process process, ConcurrentQueue<string> output, Uri url)
    {
        _process = process;
        _output = output;
        Url = url;
    }

    public Uri Url { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts the sample on <paramref name="port"/> (a free port when null) and waits for its READY line.</summary>
    public static async Task<ApiSampleProcess> StartAsync(string configPath, int? port = null)
    {
        var assembly = typeof(ApiSampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ApiSampleAssembly").Value!;
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--config", configPath, "--urls", url, "--exit-on-stdin-close", "true" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{startInfo.FileName}'.");
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("exited"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartupTimeout);
            return new ApiSampleProcess(process, output, new Uri(url + "/"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await ChildProcess.StopAsync(process, TimeSpan.FromSeconds(5));
            process.Dispose();
            throw new InvalidOperationException($"The API sample did not start. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_process, TimeSpan.FromSeconds(5));
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
