using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Benchmarks;

/// <summary>
/// One authorized API request on <see cref="TestServer"/>: <c>AddKestraJwtBearer</c> + <c>RequireKestraPermission</c> (every
/// access-token check of the library, groups, bindings, the namespace of the route) against what users write today, the
/// Keycloak.AuthServices way: plain <c>AddJwtBearer</c> (IdentityModel's checks) + a hand-written claims transformation
/// that turns <c>resource_access.kestra.roles</c> into role claims + <c>RequireRole</c> (baseline).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class AspNetCoreBenchmarks
{
    private const string Path = "/api/v1/flows/company.team";
    private InMemoryProvider _provider = null!;
    private WebApplication _plain = null!;
    private WebApplication _kestra = null!;
    private HttpClient _plainClient = null!;
    private HttpClient _kestraClient = null!;
    private string _accessToken = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = new InMemoryProvider();
        _accessToken = MintAccessToken();
        _plain = StartPlain();
        _kestra = StartKestra();
        _plainClient = Client(_plain);
        _kestraClient = Client(_kestra);
        if (PlainJwtBearerAndRoleTransformation().GetAwaiter().GetResult() != HttpStatusCode.OK
            || KestraJwtBearerAndPermission().GetAwaiter().GetResult() != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("the benchmark request is not authorized");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plainClient.Dispose();
        _kestraClient.Dispose();
        _plain.StopAsync().GetAwaiter().GetResult();
        _kestra.StopAsync().GetAwaiter().GetResult();
        _provider.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<HttpStatusCode> PlainJwtBearerAndRoleTransformation()
    {
        using var response = await _plainClient.GetAsync(Path);
        return response.StatusCode;
    }

    [Benchmark]
    public async Task<HttpStatusCode> KestraJwtBearerAndPermission()
    {
        using var response = await _kestraClient.GetAsync(Path);
        return response.StatusCode;
    }

    private HttpClient Client(WebApplication app)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        return client;
    }

    private WebApplication StartPlain()
    {
        var builder = Builder();
        var keys = new IssuerMetadataProvider(Options(), new HttpClient(_provider)).GetAsync("keycloak").AsTask().GetAwaiter().GetResult().SigningKeys;
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = InMemoryProvider.Issuer,
                ValidAudience = "kestra",
                IssuerSigningKeys = keys,
                ValidAlgorithms = ["RS256"],
                RoleClaimType = "role",
            };
        });
        builder.Services.AddTransient<IClaimsTransformation, KeycloakRolesTransformation>();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.MapGet("/api/v1/flows/{namespace}", (string @namespace) => "flows of " + @namespace).RequireAuthorization(p => p.RequireRole("Admin"));
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    private WebApplication StartKestra()
    {
        var builder = Builder();
        builder.Services.AddKestraOidc(Fill);
        builder.Services.AddHttpClient(IssuerMetadataProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _provider);
        builder.Services.AddAuthentication().AddKestraJwtBearer();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.MapGet("/api/v1/flows/{namespace}", (string @namespace) => "flows of " + @namespace).RequireKestraPermission("FLOW", "READ", "namespace");
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }

    private static WebApplicationBuilder Builder()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        return builder;
    }

    private static KestraOidcOptions Options()
    {
        var options = new KestraOidcOptions();
        Fill(options);
        return options;
    }

    private static void Fill(KestraOidcOptions options)
    {
        options.Clients["keycloak"] = new OidcClientOptions { ClientId = "kestra", OpenId = { Issuer = InMemoryProvider.Issuer } };
        options.GroupsClaimPath = "resource_access.kestra.roles";
        options.Extensions.Roles["Admin"] = new RoleOptions { Name = "Admin" };
        options.Extensions.Roles["Admin"].Permissions["FLOW"] = ["CREATE", "READ", "UPDATE", "DELETE"];
        options.Extensions.GroupBindings.Add(new GroupBindingOptions { Group = "Admin", Roles = ["Admin"], Namespace = "company" });
    }

    private string MintAccessToken()
    {
        var now = DateTimeOffset.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = InMemoryProvider.Issuer,
            Audience = "kestra",
            IssuedAt = now.UtcDateTime,
            Expires = now.AddDays(1).UtcDateTime,
            SigningCredentials = _provider.SigningCredentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90",
                ["typ"] = "Bearer",
                ["azp"] = "kestra",
                ["sid"] = "0e5c9a3b-7d21-4f6e-8b4a-1c2d3e4f5a6b",
                ["scope"] = "openid profile email",
                ["preferred_username"] = "alice",
                ["email"] = "alice@example.com",
                ["resource_access"] = new Dictionary<string, object> { ["kestra"] = new Dictionary<string, object> { ["roles"] = new[] { "Admin", "Developer" } } },
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>What a service writes today: <c>resource_access.kestra.roles</c> → role claims, once per identity.</summary>
    private sealed class KeycloakRolesTransformation : IClaimsTransformation
    {
        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity || identity.HasClaim(c => c.Type == "role")
                || identity.FindFirst("resource_access")?.Value is not { } json)
            {
                return Task.FromResult(principal);
            }

            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("kestra", out var client) && client.TryGetProperty("roles", out var roles))
            {
                foreach (var role in roles.EnumerateArray())
                {
                    identity.AddClaim(new Claim("role", role.GetString()!));
                }
            }

            return Task.FromResult(principal);
        }
    }
}
