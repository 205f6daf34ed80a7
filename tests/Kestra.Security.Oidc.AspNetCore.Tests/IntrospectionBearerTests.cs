using System.Net;
using Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Kestra.Security.Oidc.AspNetCore.Tests;

/// <summary>AddKestraJwtBearer with <c>introspection</c> among the claim sources: opaque bearer tokens are resolved by RFC 7662 introspection.</summary>
public sealed class IntrospectionBearerTests
{
    private const string OpaqueToken = "opaque-7c1d9e0f4b2a";

    private static Task<TestSite> StartAsync() =>
        TestSite.StartWithJwtBearerAsync(
            KestraYaml.Guide().Replace("kestra-security-oidc:\n", "kestra-security-oidc:\n  claim-sources: [access-token, introspection]\n", StringComparison.Ordinal),
            app => app.MapPost("/api/v1/executions/{namespace}/{flowId}", (string @namespace, string flowId) => "run").RequireKestraPermission("EXECUTION", "CREATE", "namespace"));

    private static Dictionary<string, object?> ActiveAnswer(string[] roles)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new Dictionary<string, object?>
        {
            ["active"] = true,
            ["iss"] = TestProvider.Issuer,
            ["sub"] = "sub-alice",
            ["client_id"] = "kestra",
            ["aud"] = "kestra",
            ["token_type"] = "Bearer",
            ["username"] = "alice",
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["resource_access"] = new Dictionary<string, object> { ["kestra"] = new { roles } },
        };
    }

    [Test]
    public async Task An_opaque_token_that_introspection_says_is_active_gets_the_groups_of_the_answer()
    {
        await using var site = await StartAsync();
        site.Provider.Introspections[OpaqueToken] = ActiveAnswer(["Admins"]);
        using var client = site.NewBrowser();

        using var response = await client.SendBearerAsync(HttpMethod.Post, "/api/v1/executions/company/hello", OpaqueToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "Admins → Admin has EXECUTION CREATE on company (the default role has not): {0}", response.Headers.WwwAuthenticate);
        site.Provider.IntrospectionRequests.Should().Be(1);
    }

    [Test]
    public async Task An_opaque_token_that_introspection_says_is_not_active_is_401_invalid_token()
    {
        await using var site = await StartAsync();
        using var client = site.NewBrowser();

        using var response = await client.SendBearerAsync(HttpMethod.Post, "/api/v1/executions/company/hello", OpaqueToken);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Single();
        challenge.Scheme.Should().Be("Bearer");
        challenge.Parameter.Should().StartWith("error=\"invalid_token\", error_description=\"KSO5311", "the failed check is introspection saying not active");
        challenge.Parameter.Should().NotContain(OpaqueToken);
        site.Provider.IntrospectionRequests.Should().Be(1, "the provider was asked");
    }
}
