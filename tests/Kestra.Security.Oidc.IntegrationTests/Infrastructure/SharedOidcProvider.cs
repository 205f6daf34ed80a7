using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests;

/// <summary>
/// Starts one test OpenID provider for every test in this assembly (this fixture sits in the root
/// namespace) and stops it after the last one. Tests that change the provider's state for good, such
/// as key rotation, start their own <see cref="OidcProviderServer"/> instead.
/// </summary>
[SetUpFixture]
public sealed class SharedOidcProvider
{
    private static OidcProviderServer? _server;

    public static OidcProviderServer Server =>
        _server ?? throw new InvalidOperationException($"{nameof(SharedOidcProvider)} has not started the provider (is the test outside namespace {typeof(SharedOidcProvider).Namespace}?).");

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await OidcProviderServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
