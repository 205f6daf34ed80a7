using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP server (127.0.0.1 only) answering fixed JSON documents by path, for provider documents the test provider
/// cannot be made to serve (a <c>file:</c> <c>jwks_uri</c>, a weak key). Stopped on dispose.
/// </summary>
internal sealed class StaticDocumentServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _documents = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public StaticDocumentServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Serve(string path, string json)
    {
        lock (_documents)
        {
            _documents[path] = json;
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            string? body;
            lock (_documents)
            {
                _documents.TryGetValue(context.Request.Url!.AbsolutePath, out body);
            }

            var bytes = Encoding.UTF8.GetBytes(body ?? "{\"error\":\"not found\"}");
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
