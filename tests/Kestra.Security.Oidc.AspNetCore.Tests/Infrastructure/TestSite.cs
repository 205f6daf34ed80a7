using System.Net;
using Kestra.Security.Oidc.Discovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;

/// <summary>An ASP.NET Core app on <see cref="TestServer"/> (in memory), configured from Kestra's YAML, against <see cref="TestProvider"/>.</summary>
internal sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private TestSite(WebApplication app, string directory, TestProvider provider)
    {
        ConfigPath = Path.Combine(directory, "application.yml");
        _app = app;
        _directory = directory;
        Provider = provider;
    }

    public TestProvider Provider { get; }

    /// <summary>The YAML file the site reads (watched: an edit is applied).</summary>
    public string ConfigPath { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestSite> StartAsync(
        string yaml,
        Action<WebApplicationBuilder, TestProvider> configure,
        Action<WebApplication> map)
    {
        var directory = Path.Combine(Path.GetTempPath(), "kestra-aspnet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "application.yml");
        await File.WriteAllTextAsync(path, yaml);

        var provider = new TestProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddKestraOidc(path);
        builder.Services.AddHttpClient(IssuerMetadataProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new NonDisposing(provider));
        builder.Services.AddSingleton(provider);
        configure(builder, provider);
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync();
            return new TestSite(app, directory, provider);
        }
        catch
        {
            await app.DisposeAsync();
            provider.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>A site on <c>AddKestraOpenIdConnect()</c> + <c>AddAuthorization()</c>, whose back-channel is the test provider.</summary>
    public static Task<TestSite> StartWithOpenIdConnectAsync(string yaml, Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(
            yaml,
            (builder, provider) =>
            {
                builder.Services.AddAuthentication()
                    .AddKestraOpenIdConnect(configure: o => o.BackchannelHttpHandler = new NonDisposing(provider));
                builder.Services.AddAuthorization();
                configure?.Invoke(builder);
            },
            map);

    /// <summary>A site on <c>AddKestraJwtBearer()</c> and <c>AddKestraOpenIdConnect()</c> together.</summary>
    public static Task<TestSite> StartWithBothAsync(string yaml, Action<WebApplication> map) =>
        StartAsync(
            yaml,
            (builder, provider) =>
            {
                builder.Services.AddAuthentication()
                    .AddKestraJwtBearer()
                    .AddKestraOpenIdConnect(configure: o => o.BackchannelHttpHandler = new NonDisposing(provider));
                builder.Services.AddAuthorization();
            },
            map);

    /// <summary>A site on <c>AddKestraJwtBearer()</c> + <c>AddAuthorization()</c>.</summary>
    public static Task<TestSite> StartWithJwtBearerAsync(string yaml, Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(
            yaml,
            (builder, _) =>
            {
                builder.Services.AddAuthentication().AddKestraJwtBearer();
                builder.Services.AddAuthorization();
                configure?.Invoke(builder);
            },
            map);

    /// <summary>A user agent that keeps cookies and follows no redirects.</summary>
    public Browser NewBrowser() => new(_app.GetTestServer());

    /// <summary>Logs <paramref name="user"/> in through <c>/oauth/login/keycloak</c> and the callback, as the provider would redirect back.</summary>
    public async Task<Browser> LogInAsync(string user, string[] roles)
    {
        var browser = NewBrowser();
        using var login = await browser.GetAsync("/oauth/login/keycloak?returnUrl=%2F");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect, await login.Content.ReadAsStringAsync());
        var query = QueryHelpers.ParseQuery(login.Headers.Location!.Query);
        Provider.NextIdToken = Provider.IdToken(user, roles, query["nonce"]);
        using var callback = await browser.GetAsync($"/oauth/callback/keycloak?code=the-code&state={Uri.EscapeDataString(query["state"]!)}");
        callback.StatusCode.Should().Be(HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        callback.Headers.Location!.OriginalString.Should().Be("/");
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Provider.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The provider outlives every HttpClient the factory builds around it.</summary>
    private sealed class NonDisposing(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }

    internal sealed class Browser : IDisposable
    {
        private readonly HttpClient _client;
        private readonly CookieJarHandler _jar;

        public Browser(TestServer server)
        {
            _jar = new CookieJarHandler(server.CreateHandler());
            _client = new HttpClient(_jar) { BaseAddress = new Uri("http://localhost") };
        }

        public CookieContainer Cookies => _jar.Cookies;

        public Task<HttpResponseMessage> GetAsync(string path, bool xhr = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (xhr)
            {
                request.Headers.Add("X-Requested-With", "XMLHttpRequest");
            }

            return _client.SendAsync(request);
        }

        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

        /// <summary>A request with <c>Authorization: Bearer <paramref name="token"/></c>.</summary>
        public Task<HttpResponseMessage> SendBearerAsync(HttpMethod method, string path, string? token)
        {
            var request = new HttpRequestMessage(method, path);
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            return _client.SendAsync(request);
        }

        public void Dispose()
        {
            _client.Dispose();
        }
    }
}
