using System.Net;
using System.Text;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.ClaimSources;

/// <summary>The discovery testbed plus the introspection and userinfo clients on its fake HTTP handler and clock.</summary>
internal sealed class ClaimSourceTestbed : IDisposable
{
    public const string IntrospectionUrl = DiscoveryTestbed.Issuer + "/protocol/openid-connect/token/introspect";
    public const string UserInfoUrl = DiscoveryTestbed.Issuer + "/protocol/openid-connect/userinfo";
    public const string Subject = "f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90";

    private IntrospectionCache? _cache;
    private IntrospectionClient? _introspection;
    private UserInfoClient? _userInfo;

    public DiscoveryTestbed Bed { get; } = new();

    public IntrospectionCache Cache => _cache ??= new IntrospectionCache(Bed.Time, Bed.Options.Extensions.Introspection.CacheSize);

    public IntrospectionClient Introspection => _introspection ??= new IntrospectionClient(Bed.Provider, Bed.Options, Cache);

    public UserInfoClient UserInfo => _userInfo ??= new UserInfoClient(Bed.Provider, Bed.Options);

    /// <summary>The introspection endpoint answers <paramref name="body"/> and records each request's Authorization header and form.</summary>
    public List<(string? Authorization, string Form)> AnswerIntrospection(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json")
    {
        var seen = new List<(string?, string)>();
        Bed.Http.Respond(IntrospectionUrl, async (request, ct) =>
        {
            var form = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(ct);
            lock (seen)
            {
                seen.Add((request.Headers.Authorization?.ToString(), form));
            }

            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        });
        return seen;
    }

    public string ActiveAnswer(DateTimeOffset? exp = null, string? iss = DiscoveryTestbed.Issuer, string extra = "") =>
        $"{{\"active\":true,{(iss is null ? string.Empty : $"\"iss\":\"{iss}\",")}\"sub\":\"{Subject}\",\"client_id\":\"kestra\",\"exp\":{(exp ?? Bed.Time.GetUtcNow().AddMinutes(5)).ToUnixTimeSeconds()}{extra}}}";

    public int IntrospectionRequests => Bed.Http.CountFor(IntrospectionUrl);

    public void Dispose() => Bed.Dispose();
}
