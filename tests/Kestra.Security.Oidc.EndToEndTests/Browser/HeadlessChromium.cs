using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Kestra.Security.Oidc.EndToEndTests.Browser;

/// <summary>
/// One headless Chromium with a fresh profile (its own cookies), driven over WebDriver by Debian's chromedriver.
/// Disposing quits the browser and the driver and deletes the profile.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly ChromeDriverService _service;
    private readonly ChromeDriver _driver;
    private readonly string _profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, string profile)
    {
        _service = service;
        _driver = driver;
        _profile = profile;
    }

    public IWebDriver Driver => _driver;

    public Uri Url => new(_driver.Url);

    public static HeadlessChromium Start()
    {
        var (browser, driver) = ChromiumInstallation.Locate();
        var profile = Path.Combine(Path.GetTempPath(), "kestra-e2e-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);

        // An explicit driver path: Selenium Manager (which would download drivers) is never consulted.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;

        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments(
            "--headless",
            "--no-sandbox", // root in CI containers
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,1400",
            $"--user-data-dir={profile}");

        try
        {
            var chrome = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
            chrome.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
            return new HeadlessChromium(service, chrome, profile);
        }
        catch (WebDriverException ex)
        {
            service.Dispose();
            TryDelete(profile);
            throw new InvalidOperationException(
                $"Could not start '{browser}' through '{driver}': {ex.Message} (if they are from different Chromium builds, {ChromiumInstallation.InstallHint})", ex);
        }
    }

    public void GoTo(Uri url) => _driver.Navigate().GoToUrl(url);

    /// <summary>Waits until <paramref name="condition"/> holds (the page has loaded, a redirect chain has ended…).</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(_driver, timeout ?? DefaultWait) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Message = $"Waited for {what}; the browser is at {_driver.Url}";
        return wait.Until(condition);
    }

    /// <summary>Waits for an element that is on the page at <paramref name="origin"/> (scheme, host and port) and returns it.</summary>
    public IWebElement WaitForElement(Uri origin, By by, string what) =>
        WaitFor(d => IsAt(d, origin) ? d.FindElement(by) : null, what)!;

    public IWebElement Find(By by) => _driver.FindElement(by);

    public IReadOnlyList<string> Texts(By by) => [.. _driver.FindElements(by).Select(e => e.Text.Trim())];

    public Cookie? Cookie(string name) => _driver.Manage().Cookies.GetCookieNamed(name);

    /// <summary>Saves a PNG of the viewport.</summary>
    public void SaveScreenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ((ITakesScreenshot)_driver).GetScreenshot().SaveAsFile(path);
    }

    public void Dispose()
    {
        try
        {
            _driver.Quit();
        }
        catch (WebDriverException)
        {
            // already gone
        }

        _driver.Dispose();
        _service.Dispose();
        TryDelete(_profile);
    }

    private static bool IsAt(IWebDriver driver, Uri origin) =>
        Uri.TryCreate(driver.Url, UriKind.Absolute, out var url)
        && Uri.Compare(url, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
