using System.Net;
using Kestra.Security.Oidc.EndToEndTests.Infrastructure;

namespace Kestra.Security.Oidc.EndToEndTests.Routes;

/// <summary>A second web sample whose YAML leaves <c>micronaut.security.endpoints.logout.get-allowed</c> at its default, <c>false</c>.</summary>
[Category("E2E")]
public sealed class LogoutGetNotAllowedTests
{
    private string? _directory;
    private WebSampleProcess? _sample;

    [OneTimeSetUp]
    public async Task StartSampleAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kestra-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var configPath = KestraYaml.Write(_directory, SharedSite.Site.Provider.Issuer, new Uri($"http://127.0.0.1:{FreePort.Next()}"), getAllowed: false);
        _sample = await WebSampleProcess.StartAsync(configPath);
    }

    [OneTimeTearDown]
    public async Task StopSampleAsync()
    {
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task Logout_by_GET_is_405_with_Allow_POST()
    {
        using var user = new HttpUser();
        using var response = await user.GetAsync(new Uri(_sample!.Url, "/logout"));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("POST");
    }

    [Test]
    public async Task Logout_by_POST_goes_home()
    {
        using var user = new HttpUser();
        using var response = await user.PostAsync(new Uri(_sample!.Url, "/logout"), []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }
}
