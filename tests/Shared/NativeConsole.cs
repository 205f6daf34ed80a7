using System.Diagnostics;

namespace Kestra.Security.Oidc.Testing;

/// <summary>
/// The Native AOT <c>kestra-oidc</c> the native console tests run. CI publishes it first and names it in
/// <see cref="Variable"/>; a plain local <c>dotnet test</c> runs <c>.ci/publish-native</c> on first use (into
/// <c>artifacts/native</c>, again whenever the managed build is newer). Never skipped: when it cannot be had, every
/// native test fails with the reason.
/// </summary>
internal static class NativeConsole
{
    public const string Variable = "KESTRA_OIDC_NATIVE";

    private static readonly Lazy<string> s_path = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => s_path.Value;

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? System.IO.Path.GetFullPath(configured)
                : throw new InvalidOperationException($"{Variable} names the native kestra-oidc at '{configured}', but there is no such file; run `bash .ci/publish-native` or unset {Variable} to have the tests publish it");
        }

        return PublishWhenStale();
    }

    private static string PublishWhenStale()
    {
        var output = System.IO.Path.Combine(SampleConsoleProcess.Repository, "artifacts", "native");
        var binary = System.IO.Path.Combine(output, "kestra-oidc");
        Directory.CreateDirectory(output);

        // The unit and integration test projects run in parallel: one publishes, the other waits and reuses it.
        using var publishLock = AcquireLock(System.IO.Path.Combine(output, ".publish.lock"));
        var newestInput = new[] { "kestra-oidc.dll", "Kestra.Security.Oidc.dll" }
            .Select(name => File.GetLastWriteTimeUtc(System.IO.Path.Combine(SampleConsoleProcess.ManagedDirectory, name)))
            .Max();
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= newestInput)
        {
            return binary;
        }

        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = SampleConsoleProcess.Repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(System.IO.Path.Combine(".ci", "publish-native"));
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("bash .ci/publish-native (the native kestra-oidc) took more than 20 minutes");
        }

        if (process.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"bash .ci/publish-native exited with {process.ExitCode}, so there is no native kestra-oidc to test "
                + $"(Native AOT needs Debian's clang and zlib1g-dev, installed as root or with sudo):{Environment.NewLine}{stdout.Result}{stderr.Result}");
        }

        // Newer than the managed build it was published from, even when the publish found nothing to redo.
        File.SetLastWriteTimeUtc(binary, TimeProvider.System.GetUtcNow().UtcDateTime);
        return binary;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(20))
            {
                Thread.Sleep(500);
            }
        }
    }
}
