using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.ApiSample;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>
/// SPEC §9 end to end with two real ApiSample processes (A and B, <c>--config FILE --urls URL</c>) sharing one real
/// redis-server: alice's access token works on both; she logs out at the real OpenID provider (oidc-provider, back-channel
/// logout to A); B refuses her token within a second; the logout token replayed at B is refused.
/// </summary>
[Category("Integration")]
public sealed class BackchannelLogoutTests
{
    private static readonly TimeSpan PropagationBudget = TimeSpan.FromSeconds(1);

    [Test]
    public async Task Logging_out_at_the_provider_ends_the_session_on_both_sample_processes_and_the_logout_token_cannot_be_replayed()
    {
        await using var redis = await RedisServer.StartAsync();
        var (portA, portB, portRelay) = (RedisServer.FreePort(), RedisServer.FreePort(), RedisServer.FreePort());
        await using var relay = await LogoutTokenRecorder.StartAsync(portRelay, new Uri($"http://127.0.0.1:{portA}/"));
        await using var provider = await OidcProviderServer.StartAsync(new OidcProviderServerOptions { BackchannelLogoutUri = relay.BackchannelLogoutUri });
        var directory = Directory.CreateTempSubdirectory("kestra-logout-");
        try
        {
            var config = Path.Combine(directory.FullName, "application.yml");
            await File.WriteAllTextAsync(config, ConfigFor(provider, redis.Endpoint));
            var starting = new[] { ApiSampleProcess.StartAsync(config, portA), ApiSampleProcess.StartAsync(config, portB) };
            await using var a = await starting[0];
            await using var b = await starting[1];
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
            using var flow = new AuthorizationCodeFlow(provider.Issuer, provider.ClientId, provider.ClientSecret, provider.RedirectUri) { Resource = "urn:kestra-api" };
            var tokens = await flow.LoginAsync("alice", "alice");
            UnverifiedJwt.Decode(tokens.AccessToken).StringClaim("sid").Should().NotBeNullOrEmpty("the provider puts the session id in access tokens, as Keycloak does");
            (await MeAsync(http, a, tokens.AccessToken)).Should().Be(HttpStatusCode.OK, "alice's token is accepted by A before the logout");
            (await MeAsync(http, b, tokens.AccessToken)).Should().Be(HttpStatusCode.OK, "alice's token is accepted by B before the logout");

            await flow.LogoutAsync(tokens.IdToken, provider.PostLogoutRedirectUri);
            var watch = Stopwatch.StartNew();
            relay.Received.Should().ContainSingle($"the provider calls A once during the logout; its log:{Environment.NewLine}{provider.StandardError}");
            var propagation = await Eventually.Async(async () => await MeAsync(http, b, tokens.AccessToken) == HttpStatusCode.Unauthorized, "B refusing alice's token");
            TestContext.Out.WriteLine($"B refused alice's token {propagation.TotalMilliseconds:F0} ms after the provider's logout returned (A had answered the back-channel call)");
            propagation.Should().BeLessThan(PropagationBudget, "a revocation reaches the other instances through Redis pub/sub at once");

            var logoutToken = relay.Received.Single();
            UnverifiedJwt.Decode(logoutToken).StringClaim("sid").Should().Be(UnverifiedJwt.Decode(tokens.IdToken).StringClaim("sid"));
            using var replay = await http.PostAsync(new Uri(b.Url, "oauth/backchannel-logout/keycloak"), new FormUrlEncodedContent([KeyValuePair.Create("logout_token", logoutToken)]));
            replay.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"the logout token was accepted once already (by A); B's output:{Environment.NewLine}{b.Output}");
            using var body = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
            body.RootElement.GetProperty("error_description").GetString().Should().StartWith("KSO5133: ");
            (await MeAsync(http, a, tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient http, ApiSampleProcess sample, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sample.Url, "api/v1/me"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static string ConfigFor(OidcProviderServer provider, string redis) => $$"""
        micronaut:
          security:
            oauth2:
              clients:
                keycloak:
                  client-id: "{{provider.ClientId}}"
                  client-secret: "{{provider.ClientSecret}}"
                  openid:
                    issuer: "{{provider.Issuer.AbsoluteUri.TrimEnd('/')}}"
        kestra:
          security:
            defaultRole:
              name: Editor
              permissions:
                FLOW: [READ]
        kestra-security-oidc:
          access-token:
            audiences: [kestra-api]
          claim-sources: [access-token]
          shared-cache:
            redis: "{{redis}}"
        """;
}
