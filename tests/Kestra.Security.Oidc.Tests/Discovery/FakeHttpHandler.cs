using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Kestra.Security.Oidc.Tests.Discovery;

/// <summary>An in-memory HTTP handler: routes by absolute URL, records every request. Unknown URLs answer 404.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _routes = new(StringComparer.Ordinal);

    public ConcurrentQueue<Uri> Requests { get; } = new();

    public int CountFor(string url) => Requests.Count(u => u.ToString() == url);

    public void Respond(string url, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) => _routes[url] = respond;

    public void Respond(string url, Func<HttpResponseMessage> respond) => Respond(url, (_, _) => Task.FromResult(respond()));

    public void Json(string url, string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json") =>
        Respond(url, () => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request.RequestUri!);
        var response = _routes.TryGetValue(request.RequestUri!.ToString(), out var respond)
            ? await respond(request, cancellationToken)
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{\"error\":\"Realm does not exist\"}", Encoding.UTF8, "application/json") };
        response.RequestMessage ??= request;
        return response;
    }
}
