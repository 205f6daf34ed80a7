using System.Collections.Concurrent;
using Kestra.Security.Oidc.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>
/// One instance of a small API on Kestrel at 127.0.0.1: <c>MapKestraBackchannelLogout</c>, shared state on Redis, and
/// <c>GET /whoami</c> behind ASP.NET Core's JwtBearer (the provider's ID token works as a bearer token: audience <c>kestra</c>).
/// Remembers every <c>logout_token</c> posted to it, so a test can replay one elsewhere.
/// </summary>
internal sealed class LogoutInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LogoutInstance(WebApplication app, Uri baseAddress, ConcurrentQueue<string> received)
    {
        _app = app;
        BaseAddress = baseAddress;
        ReceivedLogoutTokens = received;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public Uri BackchannelLogoutUri => new(BaseAddress, "/oauth/backchannel-logout/keycloak");

    public HttpClient Http { get; }

    public ConcurrentQueue<string> ReceivedLogoutTokens { get; }

    public static async Task<LogoutInstance> StartAsync(int port, Uri issuer, string redis)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddKestraOidc(options =>
        {
            options.Clients["keycloak"] = new OidcClientOptions { ClientId = "kestra", ClientSecret = "kestra-secret", OpenId = { Issuer = issuer.AbsoluteUri.TrimEnd('/') } };
            options.Extensions.SharedCache.Redis = redis;
        });
        builder.Services.AddKestraSharedState();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = issuer.AbsoluteUri.TrimEnd('/');
            o.RequireHttpsMetadata = false;
            o.Audience = "kestra";
            o.MapInboundClaims = false;
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        var received = new ConcurrentQueue<string>();
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync();
                if (form.TryGetValue("logout_token", out var token))
                {
                    received.Enqueue(token.ToString());
                }
            }

            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapKestraBackchannelLogout();
        app.MapGet("/whoami", (HttpContext c) => c.User.FindFirst("sub")?.Value ?? "?").RequireAuthorization();
        await app.StartAsync();
        return new LogoutInstance(app, new Uri($"http://127.0.0.1:{port}/"), received);
    }

    public async Task<System.Net.HttpStatusCode> WhoAmIAsync(string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new("Bearer", bearer);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<HttpResponseMessage> PostLogoutTokenAsync(string token)
    {
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("logout_token", token)]);
        return await Http.PostAsync("/oauth/backchannel-logout/keycloak", content);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
