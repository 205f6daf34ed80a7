using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// Finds <c>tests/oidc-provider</c> above the test output directory and makes sure its
/// <c>node_modules</c> exist, running <c>npm ci</c> once even when several test processes start together.
/// </summary>
internal static class OidcProviderInstallation
{
    private const string RelativeDirectory = "tests/oidc-provider";

    public static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeDirectory);
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new OidcProviderException(
            $"Could not find {RelativeDirectory}/server.mjs in any directory above '{AppContext.BaseDirectory}'. " +
            "Run the tests from a checkout of the repository.");
    }

    public static async Task EnsureInstalledAsync(string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsInstalled(directory))
        {
            return;
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);

        await using var installLock = await AcquireLockAsync(LockPathFor(directory), timeoutSource.Token);
        if (IsInstalled(directory))
        {
            return; // another test process installed while this one waited
        }

        await RunNpmCiAsync(directory, timeout, timeoutSource.Token);
        if (!IsInstalled(directory))
        {
            throw new OidcProviderException($"'npm ci' succeeded in '{directory}' but node_modules/oidc-provider is still missing.");
        }
    }

    // npm writes node_modules/.package-lock.json last, so its presence means a finished install.
    private static bool IsInstalled(string directory) =>
        File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "oidc-provider", "package.json"));

    private static string LockPathFor(string directory)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(directory)))[..16];
        return Path.Combine(Path.GetTempPath(), $"kestra-oidc-provider-npm-ci-{hash}.lock");
    }

    // FileShare.None takes an exclusive advisory lock (flock on Unix) that the OS drops if the process dies.
    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                }
                catch (OperationCanceledException ex)
                {
                    throw new OidcProviderException($"Timed out waiting for another process's 'npm ci' (lock file '{path}').", ex);
                }
            }
        }
    }

    private static async Task RunNpmCiAsync(string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(startInfo, "npm");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            process.Kill(entireProcessTree: true);
            throw new OidcProviderException($"'npm ci' in '{directory}' did not finish within {timeout}.", ex);
        }

        if (process.ExitCode != 0)
        {
            throw new OidcProviderException(
                $"'npm ci --no-audit --no-fund' in '{directory}' failed with exit code {process.ExitCode}.{Environment.NewLine}" +
                $"{await output}{Environment.NewLine}{await error}");
        }
    }

    internal static Process StartOrExplain(ProcessStartInfo startInfo, string tool)
    {
        try
        {
            return Process.Start(startInfo)
                ?? throw new OidcProviderException($"Could not start '{startInfo.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new OidcProviderException(
                $"Could not start '{startInfo.FileName}': is {tool} installed and on PATH? The integration tests need Node.js 20 or later.", ex);
        }
    }
}
