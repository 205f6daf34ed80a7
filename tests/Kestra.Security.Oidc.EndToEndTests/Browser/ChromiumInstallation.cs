namespace Kestra.Security.Oidc.EndToEndTests.Browser;

/// <summary>
/// Debian's <c>chromium</c> and the <c>chromedriver</c> of the same build (package <c>chromium-driver</c>), found on PATH or
/// through <c>CHROMIUM_PATH</c> / <c>CHROMEDRIVER_PATH</c>. Nothing is ever downloaded: when either is missing the test fails
/// and says how to install them.
/// </summary>
internal static class ChromiumInstallation
{
    public const string InstallHint = "run `bash .ci/install-chromium` (Debian's chromium and chromium-driver packages)";

    public static (string Browser, string Driver) Locate()
    {
        var browser = Find("CHROMIUM_PATH", "chromium", "chromium-browser");
        var driver = Find("CHROMEDRIVER_PATH", "chromedriver");
        if (browser is null || driver is null)
        {
            var missing = string.Join(" and ", new[] { browser is null ? "chromium" : null, driver is null ? "chromedriver" : null }.OfType<string>());
            Assert.Fail($"The end-to-end tests drive headless Chromium, but {missing} is not installed (looked on PATH and at CHROMIUM_PATH / CHROMEDRIVER_PATH): {InstallHint}.");
        }

        return (browser!, driver!);
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
