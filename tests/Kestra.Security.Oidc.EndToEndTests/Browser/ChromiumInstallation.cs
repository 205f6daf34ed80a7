using System.Diagnostics;

namespace Kestra.Security.Oidc.EndToEndTests.Browser;

/// <summary>
/// Debian's <c>chromium</c> and the <c>chromedriver</c> of the same build (package <c>chromium-driver</c>), found on PATH or
/// through <c>CHROMIUM_PATH</c> / <c>CHROMEDRIVER_PATH</c>. When either is missing, the tests install both once from
/// Debian's packages with <c>.ci/install-chromium</c> (as <c>npm ci</c> installs the test provider), so a plain
/// <c>dotnet test</c> sets everything up; no browser is ever downloaded. If that fails, the test fails and says why.
/// </summary>
internal static class ChromiumInstallation
{
    public const string InstallHint = "run `bash .ci/install-chromium` (Debian's chromium and chromium-driver packages)";

    private static readonly Lazy<string> s_install = new(RunInstallScript, LazyThreadSafetyMode.ExecutionAndPublication);

    public static (string Browser, string Driver) Locate()
    {
        var browser = Find("CHROMIUM_PATH", "chromium", "chromium-browser");
        var driver = Find("CHROMEDRIVER_PATH", "chromedriver");
        var installLog = string.Empty;
        if ((browser is null || driver is null) && Environment.GetEnvironmentVariable("CHROMIUM_PATH") is null)
        {
            installLog = s_install.Value;
            browser = Find("CHROMIUM_PATH", "chromium", "chromium-browser");
            driver = Find("CHROMEDRIVER_PATH", "chromedriver");
        }

        if (browser is null || driver is null)
        {
            var missing = string.Join(" and ", new[] { browser is null ? "chromium" : null, driver is null ? "chromedriver" : null }.OfType<string>());
            Assert.Fail($"The end-to-end tests drive headless Chromium, but {missing} is not installed (looked on PATH and at CHROMIUM_PATH / CHROMEDRIVER_PATH) and installing it failed: {InstallHint}.{Environment.NewLine}{installLog}");
        }

        return (browser!, driver!);
    }

    /// <summary>Runs <c>.ci/install-chromium</c> once per test run; returns its output for the failure message.</summary>
    private static string RunInstallScript()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, ".ci", "install-chromium")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return "(.ci/install-chromium not found above the test directory)";
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(directory.FullName, ".ci", "install-chromium"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return "(.ci/install-chromium did not finish within 10 minutes)";
        }

        return $"(.ci/install-chromium exited {process.ExitCode}){Environment.NewLine}{stdout.Result}{stderr.Result}";
    }

    private static string? Find(string variable, params string[] names)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
