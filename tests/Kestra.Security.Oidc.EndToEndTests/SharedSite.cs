using Kestra.Security.Oidc.EndToEndTests.Infrastructure;

namespace Kestra.Security.Oidc.EndToEndTests;

/// <summary>Starts one <see cref="KestraSite"/> (provider + web sample) for every test in this assembly, and stops it after the last.</summary>
[SetUpFixture]
public sealed class SharedSite
{
    private static KestraSite? _site;

    public static KestraSite Site =>
        _site ?? throw new InvalidOperationException($"{nameof(SharedSite)} has not started the site (is the test outside namespace {typeof(SharedSite).Namespace}?).");

    [OneTimeSetUp]
    public async Task StartAsync() => _site = await KestraSite.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
            _site = null;
        }
    }
}
