using System.Security.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.State;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.AspNetCore.Tests.Logout;

/// <summary>
/// A TestServer host with ASP.NET Core's own Cookie and JwtBearer handlers (local RSA key, no network) plus
/// <c>AddKestraSharedState</c>: <c>GET /whoami</c> answers the authenticated subject, <c>POST /login</c> opens a cookie session.
/// </summary>
internal sealed class RevocationTestSite : IAsyncDisposable
{
    public const string Issuer = InMemoryProvider.Issuer;
    private static readonly SecurityKey Key = InMemoryProvider.SigningKey;
    private readonly WebApplication _app;

    private RevocationTestSite(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public ISessionRevocationStore Store => _app.Services.GetRequiredService<ISessionRevocationStore>();

    public static async Task<RevocationTestSite> StartAsync(ISessionRevocationStore? store = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddKestraOidc(options =>
            options.Clients["keycloak"] = new OidcClientOptions { ClientId = "kestra", OpenId = { Issuer = Issuer } });
        builder.Services.AddHttpClient(IssuerMetadataProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new InMemoryProvider());
        builder.Services.AddKestraSharedState();
        if (store is not null)
        {
            builder.Services.AddSingleton(store);
        }

        builder.Services.AddAuthentication("smart")
            .AddPolicyScheme("smart", null, o => o.ForwardDefaultSelector = c => c.Request.Headers.Authorization.Count > 0 ? "Bearer" : "Cookies")
            .AddCookie("Cookies", o => o.Events.OnRedirectToLogin = c =>
            {
                c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            })
            .AddJwtBearer("Bearer", o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = "kestra",
                    IssuerSigningKey = Key,
                };
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapKestraBackchannelLogout();
        app.MapGet("/whoami", (HttpContext c) => c.User.FindFirst("sub")!.Value).RequireAuthorization();
        app.MapPost("/login", async (HttpContext c, string sid, string sub) =>
        {
            var identity = new ClaimsIdentity([new Claim("iss", Issuer), new Claim("sid", sid), new Claim("sub", sub)], "Cookies");
            await c.SignInAsync("Cookies", new ClaimsPrincipal(identity));
        });
        await app.StartAsync();
        return new RevocationTestSite(app);
    }

    public static string Token(string? sid, string sub, DateTimeOffset issuedAt)
    {
        var claims = new Dictionary<string, object> { ["sub"] = sub };
        if (sid is not null)
        {
            claims["sid"] = sid;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "kestra",
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = issuedAt.AddMinutes(5).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async Task<HttpResponseMessage> WhoAmIWithBearerAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new("Bearer", token);
        return await Client.SendAsync(request);
    }

    /// <summary>Logs in with a cookie session; returns the cookie header value.</summary>
    public async Task<string> LoginAsync(string sid, string sub)
    {
        using var response = await Client.PostAsync($"/login?sid={sid}&sub={sub}", null);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    public async Task<HttpResponseMessage> WhoAmIWithCookieAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Add("Cookie", cookie);
        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostLogoutAsync(string? token, string client = "keycloak")
    {
        var fields = token is null ? [] : new[] { KeyValuePair.Create("logout_token", token) };
        using var content = new FormUrlEncodedContent(fields);
        return await Client.PostAsync($"/oauth/backchannel-logout/{client}", content);
    }

    public static SessionRevocation Revocation(string? sid, string? sub) =>
        new(Issuer, sid, sub, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow().AddHours(1));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
