using System.Net;
using Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

/// <summary>RequireKestraPermission and [KestraAuthorize], answered by RoleResolution.IsAllowed (Admins: Admin on namespace company).</summary>
public sealed class AuthorizationTests
{
    private static Task<TestSite> StartAsync() =>
        TestSite.StartWithOpenIdConnectAsync(
            KestraYaml.Guide(),
            app =>
            {
                app.MapGet("/api/v1/flows/{namespace}", (string @namespace) => "flows of " + @namespace).RequireKestraPermission("FLOW", "READ", "namespace");
                app.MapGet("/api/v1/flows", () => "all flows").RequireKestraPermission("flow", "read");
                app.MapPost("/api/v1/executions/{namespace}/{flowId}", (string @namespace, string flowId) => $"run {@namespace}.{flowId}")
                    .RequireKestraPermission("EXECUTION", "CREATE", "namespace");
                app.MapGet("/api/v1/misrouted", () => "never").RequireKestraPermission("FLOW", "READ", "namespace");
                app.MapControllers();
            },
            builder => builder.Services.AddControllers().AddApplicationPart(typeof(AuthorizationTests).Assembly));

    [TestCase("/api/v1/flows/company", HttpStatusCode.OK)]
    [TestCase("/api/v1/flows/company.team", HttpStatusCode.OK)]
    [TestCase("/api/v1/flows/company.team.sub", HttpStatusCode.OK)]
    [TestCase("/api/v1/flows/companyx", HttpStatusCode.Forbidden)]
    [TestCase("/api/v1/flows/other", HttpStatusCode.Forbidden)]
    [TestCase("/api/v1/flows", HttpStatusCode.Forbidden)]
    public async Task A_namespace_grant_covers_its_children_through_the_route_value(string path, HttpStatusCode expected)
    {
        await using var site = await StartAsync();
        using var alice = await site.LogInAsync("alice", ["Admins"]);

        using var response = await alice.GetAsync(path, xhr: true);

        response.StatusCode.Should().Be(expected);
    }

    [TestCase("/api/v1/flows", HttpStatusCode.OK)]
    [TestCase("/api/v1/flows/anything", HttpStatusCode.OK)]
    public async Task A_grant_without_namespace_covers_every_namespace(string path, HttpStatusCode expected)
    {
        await using var site = await StartAsync();
        using var bob = await site.LogInAsync("bob", []);

        using var response = await bob.GetAsync(path, xhr: true);

        response.StatusCode.Should().Be(expected);
    }

    [Test]
    public async Task Without_the_action_the_answer_is_403_and_without_a_principal_401()
    {
        await using var site = await StartAsync();
        using var bob = await site.LogInAsync("bob", []);
        using var anonymous = site.NewBrowser();

        using var forbidden = await bob.SendAsync(Xhr(HttpMethod.Post, "/api/v1/executions/company/hello"));
        using var unauthorized = await anonymous.SendAsync(Xhr(HttpMethod.Post, "/api/v1/executions/company/hello"));

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unauthorized.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_missing_namespace_route_value_denies()
    {
        await using var site = await StartAsync();
        using var bob = await site.LogInAsync("bob", []);

        using var response = await bob.GetAsync("/api/v1/misrouted", xhr: true);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCase("/controller/flows/company.team", HttpStatusCode.OK)]
    [TestCase("/controller/flows/other", HttpStatusCode.Forbidden)]
    [TestCase("/controller/executions", HttpStatusCode.Forbidden)]
    public async Task KestraAuthorize_on_a_controller(string path, HttpStatusCode expected)
    {
        await using var site = await StartAsync();
        using var alice = await site.LogInAsync("alice", ["Admins"]);

        using var response = await alice.GetAsync(path, xhr: true);

        response.StatusCode.Should().Be(expected);
    }

    [Test]
    public async Task KestraAuthorize_on_a_controller_without_a_principal_is_401()
    {
        await using var site = await StartAsync();
        using var anonymous = site.NewBrowser();

        using var response = await anonymous.GetAsync("/controller/flows/company", xhr: true);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public void An_unknown_permission_or_action_fails_at_start_listing_the_valid_names()
    {
        var unknownPermission = () => new KestraPermissionRequirement("FLOWS", "READ");
        var unknownAction = () => new KestraPermissionRequirement("FLOW", "RUN");

        unknownPermission.Should().Throw<ArgumentException>().WithMessage("*'FLOWS' is not a Kestra permission*FLOW*");
        unknownAction.Should().Throw<ArgumentException>().WithMessage("*'RUN' is not an action of FLOW*READ*");
    }

    private static HttpRequestMessage Xhr(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return request;
    }
}
