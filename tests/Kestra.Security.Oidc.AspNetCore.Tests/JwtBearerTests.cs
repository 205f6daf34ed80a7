using System.Net;
using System.Text.Json;
using Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

/// <summary>AddKestraJwtBearer on TestServer: access tokens checked by the library, RFC 6750 answers, Kestra permissions.</summary>
public sealed class JwtBearerTests
{
    private static Task<TestSite> StartAsync(string? yaml = null) =>
        TestSite.StartWithJwtBearerAsync(yaml ?? KestraYaml.Guide(), app =>
        {
            app.MapGet("/api/v1/flows/{namespace}", (string @namespace) => "flows of " + @namespace).RequireKestraPermission("FLOW", "READ", "namespace");
            app.MapPost("/api/v1/executions/{namespace}/{flowId}", (string @namespace, string flowId) => "run").RequireKestraPermission("EXECUTION", "CREATE", "namespace");
            app.MapGet("/api/v1/me", (HttpContext http) =>
            {
                var r = http.GetKestraResolution()!;
                return new { r.Groups, source = r.SourceName, claims = http.User.FindAll(KestraClaimTypes.Group).Count() };
            }).RequireAuthorization();
        });

    [Test]
    public async Task Without_a_token_the_answer_is_401_with_a_bare_Bearer_challenge()
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();

        using var response = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/company", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Test]
    public async Task A_valid_token_with_the_permission_is_200_and_me_shows_the_resolution()
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();
        var token = site.Provider.AccessToken("alice", ["Admins", "Developers"]);

        using var flows = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/company.team", token);
        using var me = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/me", token);

        flows.StatusCode.Should().Be(HttpStatusCode.OK);
        (await flows.Content.ReadAsStringAsync()).Should().Be("flows of company.team");
        using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal("Admins", "Developers");
        json.RootElement.GetProperty("source").GetString().Should().Be("groups");
        json.RootElement.GetProperty("claims").GetInt32().Should().Be(2);
    }

    [TestCase("/api/v1/flows/other")]
    [TestCase("/api/v1/flows/companyx")]
    public async Task A_valid_token_without_the_permission_in_that_namespace_is_403(string path)
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();

        using var response = await client.SendBearerAsync(HttpMethod.Get, path, site.Provider.AccessToken("alice", ["Admins"]));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_default_role_applies_to_a_token_without_groups()
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();
        var token = site.Provider.AccessToken("bob", []);

        using var flows = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/anything", token);
        using var run = await client.SendBearerAsync(HttpMethod.Post, "/api/v1/executions/anything/hello", token);

        flows.StatusCode.Should().Be(HttpStatusCode.OK);
        run.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the default Editor role of this YAML has FLOW READ only");
    }

    [Test]
    public async Task A_require_groups_refusal_is_403_not_401()
    {
        await using var site = await StartAsync(KestraYaml.Guide().Replace("kestra-security-oidc:\n", "kestra-security-oidc:\n  require-groups: true\n", StringComparison.Ordinal));
        using var client = site.NewBrowser();

        using var response = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/anything", site.Provider.AccessToken("bob", []));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCase("audience", "KSO5208")]
    [TestCase("expired", "KSO5210")]
    [TestCase("id-token", "KSO5215")]
    [TestCase("signature", "KSO5205")]
    [TestCase("garbage", "KSO5202")]
    public async Task A_rejected_token_is_401_with_RFC_6750_invalid_token_naming_the_check(string kind, string codePrefix)
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();
        var good = site.Provider.AccessToken("alice", ["Admins"]);
        var token = kind switch
        {
            "audience" => site.Provider.AccessToken("alice", ["Admins"], audience: "account"),
            "expired" => site.Provider.AccessToken("alice", ["Admins"], lifetime: TimeSpan.FromMinutes(-10)),
            "id-token" => site.Provider.IdToken("alice", ["Admins"], nonce: "n"),
            "signature" => Tamper(good, good.LastIndexOf('.') + 10),
            _ => "not.a.token",
        };

        using var response = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/company", token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Single();
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().StartWith("error=\"invalid_token\", error_description=\"" + codePrefix);
        challenge.Parameter.Should().NotContain(token);
    }

    private static string Tamper(string token, int index) =>
        string.Concat(token.AsSpan(0, index), token[index] == 'A' ? "B" : "A", token.AsSpan(index + 1));

    [Test]
    public async Task The_audience_rejection_names_Keycloaks_Audience_mapper()
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();

        using var response = await client.SendBearerAsync(HttpMethod.Get, "/api/v1/flows/company", site.Provider.AccessToken("alice", ["Admins"], audience: "account"));

        response.Headers.WwwAuthenticate.Single().Parameter.Should().Contain("Audience mapper");
    }
}
