using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.IntegrationTests.SharedState;

/// <summary>
/// A relay on 127.0.0.1 between the provider and one sample process: remembers every <c>logout_token</c> the provider
/// posts, forwards the form to the sample's back-channel logout endpoint and answers with the sample's status, so a test
/// can replay the token elsewhere. The sample itself is unchanged.
/// </summary>
internal sealed class LogoutTokenRecorder : IAsyncDisposable
{
    private const string Path = "/oauth/backchannel-logout/keycloak";
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private LogoutTokenRecorder(WebApplication app, HttpClient http, Uri uri)
    {
        _app = app;
        _http = http;
        BackchannelLogoutUri = uri;
    }

    /// <summary>What the provider calls (its back-channel logout URI).</summary>
    public Uri BackchannelLogoutUri { get; }

    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Listens on <paramref name="port"/>; forwards to the sample at <paramref name="target"/> (which may start later).</summary>
    public static async Task<LogoutTokenRecorder> StartAsync(int port, Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        LogoutTokenRecorder? recorder = null;
        app.MapPost(Path, async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (form.TryGetValue("logout_token", out var token))
            {
                recorder!.Received.Enqueue(token.ToString());
            }

            using var content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
            using var response = await http.PostAsync(new Uri(target, Path), content);
            return Results.StatusCode((int)response.StatusCode);
        });
        await app.StartAsync();
        recorder = new LogoutTokenRecorder(app, http, new Uri($"http://127.0.0.1:{port}{Path}"));
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
