using System.Net;
using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.EndToEndTests.Infrastructure;

/// <summary>
/// A user agent without a browser, for checking the sample's routes at the HTTP level: keeps cookies, follows no redirect
/// unless asked, and fills in the provider's login form.
/// </summary>
public sealed class HttpUser : IDisposable
{
    private const int MaxSteps = 12;
    private readonly HttpClient _http;

    public HttpUser()
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies, UseCookies = true, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(Uri uri) => _http.GetAsync(uri);

    public Task<HttpResponseMessage> PostAsync(Uri uri, IEnumerable<KeyValuePair<string, string>> form) =>
        _http.PostAsync(uri, new FormUrlEncodedContent(form));

    /// <summary>GETs <paramref name="start"/> and follows redirects, logging in at the provider's form, until a page that is no redirect.</summary>
    public async Task<HttpResponseMessage> FollowAndLogInAsync(Uri start, string user, string password)
    {
        var response = await _http.GetAsync(start);
        for (var step = 0; step < MaxSteps; step++)
        {
            if (response.Headers.Location is { } location)
            {
                var next = new Uri(response.RequestMessage!.RequestUri!, location);
                response.Dispose();
                response = await _http.GetAsync(next);
                continue;
            }

            var page = await response.Content.ReadAsStringAsync();
            var login = HtmlForm.ParseAll(page, response.RequestMessage!.RequestUri!).FirstOrDefault(f => f.HasPasswordField);
            if (login is null)
            {
                return response;
            }

            response.Dispose();
            response = await _http.PostAsync(login.Action, login.Submit(new Dictionary<string, string> { ["login"] = user, ["password"] = password }));
        }

        throw new InvalidOperationException($"No page reached from {start} within {MaxSteps} steps.");
    }

    public void Dispose() => _http.Dispose();
}
