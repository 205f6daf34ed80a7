using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Kestra.Security.Oidc.IntegrationTests.ApiSample;

/// <summary>
/// Access tokens issued by the test provider (a Keycloak-like oidc-provider) call the API sample (AddKestraJwtBearer +
/// RequireKestraPermission) over loopback: alice (client roles Admins, Developers; Admins → Admin on namespace company) and
/// bob (no roles: the default Editor role).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ApiSampleTests
{
    private string _directory = null!;
    private ApiSampleProcess _sample = null!;
    private HttpClient _http = null!;

    private static Infrastructure.OidcProviderServer Server => SharedOidcProvider.Server;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kestra-api-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "application.yml");
        await File.WriteAllTextAsync(config, $$"""
            micronaut:
              security:
                oauth2:
                  clients:
                    keycloak:
                      client-id: "{{Server.ClientId}}"
                      client-secret: "{{Server.ClientSecret}}"
                      openid:
                        issuer: "{{Server.Issuer.AbsoluteUri.TrimEnd('/')}}"
            kestra:
              security:
                defaultRole:
                  name: Editor
                  permissions:
                    FLOW: [CREATE, READ, UPDATE, DELETE]
                    EXECUTION: [CREATE, READ, UPDATE, DELETE]
                oidc:
                  groups-claim-path: "resource_access.kestra.roles"
            kestra-security-oidc:
              access-token:
                audiences: [kestra-api]
              claim-sources: [access-token]
              roles:
                Admin:
                  permissions:
                    FLOW: [READ]
                    EXECUTION: [READ]
              group-bindings:
                - group: Admins
                  roles: [Admin]
                  namespace: company
            """);
        _sample = await ApiSampleProcess.StartAsync(config);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = _sample.Url };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http?.Dispose();
        if (_sample is not null)
        {
            await _sample.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Alice_reads_flows_in_her_namespace_and_its_children_but_not_elsewhere()
    {
        var token = await AccessTokenOfAsync("alice");

        using var own = await SendAsync(HttpMethod.Get, "/api/v1/flows/company", token);
        using var child = await SendAsync(HttpMethod.Get, "/api/v1/flows/company.team", token);
        using var other = await SendAsync(HttpMethod.Get, "/api/v1/flows/other", token);
        using var run = await SendAsync(HttpMethod.Post, "/api/v1/executions/company/hello", token);

        own.StatusCode.Should().Be(HttpStatusCode.OK, _sample.Output);
        child.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        run.StatusCode.Should().Be(HttpStatusCode.Forbidden, "Admin reads executions, it does not create them");
    }

    [Test]
    public async Task Bob_without_roles_gets_the_default_role_everywhere()
    {
        var token = await AccessTokenOfAsync("bob");

        using var flows = await SendAsync(HttpMethod.Get, "/api/v1/flows/anything", token);
        using var run = await SendAsync(HttpMethod.Post, "/api/v1/executions/anything/hello", token);

        flows.StatusCode.Should().Be(HttpStatusCode.OK, _sample.Output);
        run.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Test]
    public async Task Me_returns_the_resolution_with_the_resolve_fields()
    {
        var token = await AccessTokenOfAsync("alice");

        using var me = await SendAsync(HttpMethod.Get, "/api/v1/me", token);

        me.StatusCode.Should().Be(HttpStatusCode.OK, _sample.Output);
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("client").GetString().Should().Be("keycloak");
        root.GetProperty("source").GetString().Should().Be("groups");
        root.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal("Admins", "Developers");
        foreach (var field in new[] { "subject", "roles", "permissions", "warnings", "trace" })
        {
            root.TryGetProperty(field, out _).Should().BeTrue(field);
        }
    }

    [Test]
    public async Task Without_a_token_401_and_with_an_ID_token_401_invalid_token()
    {
        using var flow = Server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/flows/company", token: null);
        using var idToken = await SendAsync(HttpMethod.Get, "/api/v1/flows/company", tokens.IdToken);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        idToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        idToken.Headers.WwwAuthenticate.Single().Parameter.Should().StartWith("error=\"invalid_token\", error_description=\"KSO5215");
    }

    /// <summary>A JWT access token for the API (resource indicator <c>urn:kestra-api</c>: audience <c>kestra-api</c>, <c>resource_access</c> inside), as Keycloak issues one with an Audience mapper.</summary>
    private static async Task<string> AccessTokenOfAsync(string user)
    {
        using var flow = new Infrastructure.AuthorizationCodeFlow(Server.Issuer, Server.ClientId, Server.ClientSecret, Server.RedirectUri) { Resource = "urn:kestra-api" };
        var token = (await flow.LoginAsync(user, user)).AccessToken;
        token.Split('.').Should().HaveCount(3, "the provider issues JWT access tokens for urn:kestra-api");
        return token;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _http.SendAsync(request);
    }
}
