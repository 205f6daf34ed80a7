using System.Net;
using System.Text;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.ClaimSources;

public sealed class UserInfoClientTests
{
    private const string AccessToken = "access-token-value-0815";
    private ClaimSourceTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ClaimSourceTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private ValueTask<SourceDocument> GetAsync(string expectedSubject = ClaimSourceTestbed.Subject) =>
        _bed.UserInfo.GetAsync(AccessToken, DiscoveryTestbed.Client, expectedSubject, CancellationToken.None);

    private void Answer(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json") =>
        _bed.Bed.Http.Json(ClaimSourceTestbed.UserInfoUrl, body, status, contentType);

    [Test]
    public async Task A_json_answer_for_the_same_subject_gives_its_claims_and_the_request_is_a_bearer_get()
    {
        HttpRequestMessage? seen = null;
        _bed.Bed.Http.Respond(ClaimSourceTestbed.UserInfoUrl, (request, _) =>
        {
            seen = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"sub\":\"{ClaimSourceTestbed.Subject}\",\"groups\":[\"/kestra/admins\"]}}", Encoding.UTF8, "application/json"),
            });
        });

        var document = await GetAsync();

        document.Status.Should().Be(SourceStatus.Found);
        document.Source.Should().Be(ClaimSourceKind.UserInfo);
        Encoding.UTF8.GetString(document.PayloadUtf8.Span).Should().Contain("/kestra/admins");
        seen!.Method.Should().Be(HttpMethod.Get);
        seen.Headers.Authorization!.ToString().Should().Be("Bearer " + AccessToken);
    }

    [Test]
    public async Task Another_subject_is_rejected()
    {
        Answer("{\"sub\":\"someone-else\"}");

        var document = await GetAsync();

        document.Status.Should().Be(SourceStatus.Rejected);
        document.Code.Should().Be(ClaimSourceErrorCodes.SubjectMismatch);
        document.Message.Should().Be($"the userinfo endpoint at '{ClaimSourceTestbed.UserInfoUrl}' answered for the subject 'someone-else', not the token's '{ClaimSourceTestbed.Subject}'; the access token belongs to another user (OIDC Core §5.3.2)");
    }

    [Test]
    public async Task A_signed_userinfo_jwt_is_not_supported_with_a_clear_message()
    {
        Answer("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", contentType: "application/jwt");

        var ex = (await FluentActions.Awaiting(() => GetAsync().AsTask()).Should().ThrowAsync<ClaimSourceException>()).Which;

        ex.Code.Should().Be(ClaimSourceErrorCodes.SignedUserInfoNotSupported);
        ex.Message.Should().Be($"KSO5308: the userinfo endpoint at '{ClaimSourceTestbed.UserInfoUrl}' answered 200 with a signed userinfo JWT ('application/jwt'), which is not supported; have the provider answer JSON (Keycloak: Clients → kestra → Advanced → 'User info signed response algorithm': unsigned)");
    }

    [Test]
    public async Task A_refused_access_token_is_a_rejection()
    {
        Answer("{\"error\":\"invalid_token\"}", HttpStatusCode.Unauthorized);

        var document = await GetAsync();

        document.Status.Should().Be(SourceStatus.Rejected);
        document.Code.Should().Be(ClaimSourceErrorCodes.UserInfoRefused);
    }

    [Test]
    public async Task An_answer_without_sub_is_malformed()
    {
        Answer("{\"groups\":[\"a\"]}");

        var ex = (await FluentActions.Awaiting(() => GetAsync().AsTask()).Should().ThrowAsync<ClaimSourceException>()).Which;

        ex.Code.Should().Be(ClaimSourceErrorCodes.Malformed);
    }

    [Test]
    public async Task An_html_answer_is_not_json()
    {
        Answer("<html></html>", contentType: "text/html");

        var ex = (await FluentActions.Awaiting(() => GetAsync().AsTask()).Should().ThrowAsync<ClaimSourceException>()).Which;

        ex.Code.Should().Be(ClaimSourceErrorCodes.NotJson);
        ex.Message.Should().Contain("an HTML page");
    }

    [Test]
    public async Task Without_an_endpoint_the_source_is_unavailable()
    {
        _bed.Bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, $"{{\"issuer\":\"{DiscoveryTestbed.Issuer}\",\"jwks_uri\":\"{DiscoveryTestbed.JwksUrl}\"}}");

        var document = await GetAsync();

        document.Status.Should().Be(SourceStatus.Unavailable);
        document.Message.Should().Be("the discovery document of client 'keycloak' has no 'userinfo_endpoint'; set 'micronaut.security.oauth2.clients.keycloak.openid.user-info.url'");
    }
}
