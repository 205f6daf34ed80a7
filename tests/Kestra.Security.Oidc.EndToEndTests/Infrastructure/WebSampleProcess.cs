using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.EndToEndTests.Infrastructure;

/// <summary>
/// <c>samples/Kestra.Security.Oidc.WebSample</c> running as its own process on 127.0.0.1, configured only by a Kestra YAML file.
/// Disposing stops it (closing its standard input, then killing it if needed).
/// </summary>
public sealed class WebSampleProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "READY ";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private WebSampleProcess(Process process, ConcurrentQueue<string> output, Uri url)
    {
        _process = process;
        _output = output;
        Url = url;
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Everything it wrote on stdout and stderr so far (ASP.NET Core's console log).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Whether the sample logs a line containing <paramref name="text"/> within five seconds (its console log is asynchronous).</summary>
    public async Task<bool> WaitForOutputAsync(string text)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(5); await Task.Delay(50))
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public static async Task<WebSampleProcess> StartAsync(string configPath, CancellationToken cancellationToken = default)
    {
        var assembly = AssemblyPath();
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardInput = true, // closing it stops the sample, also when the test host dies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--config", configPath, "--exit-on-stdin-close", "true" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment.Remove("ASPNETCORE_URLS"); // the sample listens where kestra.url says

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{startInfo.FileName}'.");
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            output.Enqueue(line);
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(line[ReadyPrefix.Length..].Trim().TrimEnd('/') + "/"));
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
            var url = await ready.Task.WaitAsync(StartupTimeout, cancellationToken);
            return new WebSampleProcess(process, output, url);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            await StopAsync(process);
            var what = process.HasExited ? $"exited with code {process.ExitCode}" : $"was not ready within {StartupTimeout}";
            process.Dispose();
            throw new InvalidOperationException(
                $"The web sample ('{assembly} --config {configPath}') {what}. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, output)}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        _process.Dispose();
    }

    private static string AssemblyPath()
    {
        var path = typeof(WebSampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "WebSampleAssembly").Value!;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The web sample is not built at '{path}': build the solution (the test project references it).", path);
    }

    private static Task StopAsync(Process process) => ChildProcess.StopAsync(process, TimeSpan.FromSeconds(5));
}
