using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>
/// SPEC §9 end to end: a real OpenID provider (oidc-provider, back-channel logout on) calls instance A when alice logs out;
/// instance B, sharing one real redis-server, refuses her token; the logout token replayed at B is refused.
/// </summary>
[Category("Integration")]
public sealed class BackchannelLogoutTests
{
    [Test]
    public async Task Logging_out_at_the_provider_ends_the_session_on_both_instances_and_the_logout_token_cannot_be_replayed()
    {
        await using var redis = await RedisServer.StartAsync();
        var (portA, portB) = (RedisServer.FreePort(), RedisServer.FreePort());
        await using var provider = await OidcProviderServer.StartAsync(new OidcProviderServerOptions
        {
            BackchannelLogoutUri = new Uri($"http://127.0.0.1:{portA}/oauth/backchannel-logout/keycloak"),
        });
        await using var a = await LogoutInstance.StartAsync(portA, provider.Issuer, redis.Endpoint);
        await using var b = await LogoutInstance.StartAsync(portB, provider.Issuer, redis.Endpoint);
        using var flow = provider.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");
        (await b.WhoAmIAsync(tokens.IdToken)).Should().Be(HttpStatusCode.OK, "alice's token is accepted before the logout");

        var watch = Stopwatch.StartNew();
        await flow.LogoutAsync(tokens.IdToken, provider.PostLogoutRedirectUri);
        var logoutReturned = watch.Elapsed;
        a.ReceivedLogoutTokens.Should().ContainSingle($"the provider calls A once during the logout; its log:{Environment.NewLine}{provider.StandardError}");
        await Eventually.Async(async () => await b.WhoAmIAsync(tokens.IdToken) == HttpStatusCode.Unauthorized, "B refusing alice's token");
        TestContext.Out.WriteLine($"logout at the provider returned after {logoutReturned.TotalMilliseconds:F0} ms (it called A first); B refused the token {watch.Elapsed.TotalMilliseconds:F0} ms after the logout started");

        UnverifiedJwt.Decode(a.ReceivedLogoutTokens.Single()).StringClaim("sid").Should().Be(UnverifiedJwt.Decode(tokens.IdToken).StringClaim("sid"));
        using var replay = await b.PostLogoutTokenAsync(a.ReceivedLogoutTokens.Single());
        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error_description").GetString().Should().StartWith("KSO5133: ");
        (await a.WhoAmIAsync(tokens.IdToken)).Should().Be(HttpStatusCode.Unauthorized);
    }
}
