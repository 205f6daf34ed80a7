using System.Net.Sockets;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Lifecycle;

[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class OidcProviderServerTests
{
    [Test]
    public async Task Disposing_the_server_stops_the_node_process()
    {
        var server = await OidcProviderServer.StartAsync();
        var discovery = server.DiscoveryUri;

        await server.DisposeAsync();

        using var http = new HttpClient();
        var fetch = () => http.GetAsync(discovery);
        (await fetch.Should().ThrowAsync<HttpRequestException>())
            .WithInnerException<SocketException>();
    }

    [Test]
    public async Task A_server_that_fails_to_start_reports_its_stderr()
    {
        var options = new OidcProviderServerOptions { RedirectUris = [new Uri("http://localhost:8080/callback#fragment")] };

        var start = () => OidcProviderServer.StartAsync(options);

        (await start.Should().ThrowAsync<OidcProviderException>())
            .Which.Message.Should().Contain("exited with code").And.Contain("--redirect-uri 'http://localhost:8080/callback#fragment' must be an http(s) URL without a fragment");
    }
}
