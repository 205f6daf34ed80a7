using System.Net;
using System.Text;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.ClaimSources;

public sealed class IntrospectionClientTests
{
    private const string Token = "opaque-token-value-4711";
    private ClaimSourceTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new ClaimSourceTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private ValueTask<SourceDocument> IntrospectAsync(string token = Token) => _bed.Introspection.IntrospectAsync(token, DiscoveryTestbed.Client, CancellationToken.None);

    private async Task<ClaimSourceException> FailureAsync()
    {
        var ex = (await FluentActions.Awaiting(() => IntrospectAsync().AsTask()).Should().ThrowAsync<ClaimSourceException>()).Which;
        ex.Message.Should().StartWith(ex.Code + ": ").And.NotContain(Token).And.NotContain("kestra-secret");
        return ex;
    }

    [Test]
    public async Task An_active_answer_gives_its_claims_and_the_request_carries_the_client_credentials()
    {
        var requests = _bed.AnswerIntrospection(_bed.ActiveAnswer(extra: ",\"resource_access\":{\"kestra\":{\"roles\":[\"Admin\"]}}"));

        var document = await IntrospectAsync();

        document.Status.Should().Be(SourceStatus.Found);
        document.Source.Should().Be(ClaimSourceKind.Introspection);
        document.Subject.Should().Be(ClaimSourceTestbed.Subject);
        document.ClientId.Should().Be("kestra");
        Encoding.UTF8.GetString(document.PayloadUtf8.Span).Should().Contain("\"roles\":[\"Admin\"]");
        requests.Should().ContainSingle();
        requests[0].Authorization.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("kestra:kestra-secret")));
        requests[0].Form.Should().Be("token=opaque-token-value-4711&token_type_hint=access_token");
    }

    [Test]
    public async Task Client_credentials_are_form_encoded_before_basic_encoding()
    {
        _bed.Bed.Options.Clients[DiscoveryTestbed.Client].ClientSecret = "s3cr:t &x";
        var requests = _bed.AnswerIntrospection(_bed.ActiveAnswer());

        await IntrospectAsync();

        requests[0].Authorization.Should().Be("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("kestra:s3cr%3At%20%26x")));
    }

    [Test]
    public async Task An_inactive_token_is_rejected()
    {
        _bed.AnswerIntrospection("{\"active\":false}");

        var document = await IntrospectAsync();

        document.Status.Should().Be(SourceStatus.Rejected);
        document.Code.Should().Be(ClaimSourceErrorCodes.Inactive);
        document.Message.Should().Be($"the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' says the token is not active (expired, revoked, signed out, or not issued by this provider)");
    }

    [Test]
    public async Task An_answer_from_another_issuer_is_rejected()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer(iss: "http://localhost:8088/realms/other"));

        var document = await IntrospectAsync();

        document.Status.Should().Be(SourceStatus.Rejected);
        document.Code.Should().Be(ClaimSourceErrorCodes.IntrospectionIssuer);
        document.Message.Should().EndWith("says the token was issued by 'http://localhost:8088/realms/other', not 'http://localhost:8088/realms/kestra'");
    }

    [Test]
    public async Task An_answer_without_iss_is_accepted()
    {
        _bed.AnswerIntrospection(_bed.ActiveAnswer(iss: null));

        (await IntrospectAsync()).Status.Should().Be(SourceStatus.Found);
    }

    [Test]
    public async Task A_401_says_the_client_secret_is_wrong_without_printing_it()
    {
        _bed.AnswerIntrospection("{\"error\":\"invalid_client\"}", HttpStatusCode.Unauthorized);

        var ex = await FailureAsync();

        ex.Code.Should().Be(ClaimSourceErrorCodes.ClientUnauthorized);
        ex.StatusCode.Should().Be(401);
        ex.Message.Should().Be($"KSO5303: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' answered 401: it refused the credentials of client 'kestra'; the client secret is wrong or the client may not introspect, check 'micronaut.security.oauth2.clients.keycloak.client-secret' against the provider's (Keycloak: Clients → kestra → Credentials)");
    }

    [Test]
    public async Task A_500_is_an_identity_provider_failure_saying_what_came_back()
    {
        _bed.AnswerIntrospection("<html>oops</html>", HttpStatusCode.InternalServerError, "text/html");

        var ex = await FailureAsync();

        ex.Code.Should().Be(ClaimSourceErrorCodes.HttpError);
        ex.Message.Should().Be($"KSO5304: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' answered 500 Internal Server Error (text/html, 17 bytes); the provider is failing or refuses this request, see its logs");
    }

    [Test]
    public async Task A_slow_endpoint_times_out()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bed.Bed.Http.Respond(ClaimSourceTestbed.IntrospectionUrl, async (_, ct) =>
        {
            received.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        var pending = IntrospectAsync().AsTask();
        await received.Task;
        _bed.Bed.Time.Advance(TimeSpan.FromSeconds(10));
        var ex = (await FluentActions.Awaiting(() => pending).Should().ThrowAsync<ClaimSourceException>()).Which;

        ex.Code.Should().Be(ClaimSourceErrorCodes.Timeout);
        ex.Message.Should().Be($"KSO5302: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' did not answer within 10 s; check that the provider is up and reachable from this host, or raise 'kestra-security-oidc.discovery.timeout'");
    }

    [Test]
    public async Task An_unreachable_endpoint_is_an_identity_provider_failure()
    {
        _bed.Bed.Http.Respond(ClaimSourceTestbed.IntrospectionUrl, (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (localhost:8088)"));

        var ex = await FailureAsync();

        ex.Code.Should().Be(ClaimSourceErrorCodes.Unreachable);
        ex.Message.Should().StartWith($"KSO5301: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' could not be reached (ConnectionError: Connection refused (localhost:8088))");
    }

    [Test]
    public async Task An_oversized_answer_is_refused()
    {
        await _bed.Bed.GetAsync(); // the discovery document itself is larger than the cap below
        _bed.Bed.Options.Extensions.Discovery.MaxResponseBytes = 100;
        _bed.AnswerIntrospection(_bed.ActiveAnswer(extra: $",\"pad\":\"{new string('x', 200)}\""));

        var ex = await FailureAsync();

        ex.Code.Should().Be(ClaimSourceErrorCodes.TooLarge);
        ex.Message.Should().StartWith($"KSO5305: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' answered 200 with more than 100 bytes (application/json)");
    }

    [Test]
    public async Task A_non_json_answer_is_refused()
    {
        _bed.AnswerIntrospection("active=true", contentType: "text/plain");

        var ex = await FailureAsync();

        ex.Code.Should().Be(ClaimSourceErrorCodes.NotJson);
        ex.Message.Should().Be($"KSO5306: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' answered 200 with 'text/plain', not JSON (200, text/plain, 11 bytes); check the URL and the provider");
    }

    [Test]
    public async Task Malformed_json_with_a_json_content_type_is_refused()
    {
        _bed.AnswerIntrospection("{\"active\":tru");

        (await FailureAsync()).Code.Should().Be(ClaimSourceErrorCodes.NotJson);
    }

    [Test]
    public async Task Json_without_a_boolean_active_is_refused()
    {
        _bed.AnswerIntrospection("{\"active\":\"true\"}");

        var ex = await FailureAsync();

        ex.Code.Should().Be(ClaimSourceErrorCodes.Malformed);
        ex.Message.Should().StartWith($"KSO5307: the introspection endpoint at '{ClaimSourceTestbed.IntrospectionUrl}' answered 200 with JSON that has no boolean 'active'");
    }

    [Test]
    public async Task A_redirect_is_not_followed()
    {
        _bed.Bed.Http.Respond(ClaimSourceTestbed.IntrospectionUrl, () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri("http://localhost:8088/login");
            return response;
        });

        (await FailureAsync()).Code.Should().Be(ClaimSourceErrorCodes.Redirect);
    }

    [Test]
    public async Task Without_an_endpoint_in_discovery_the_source_is_unavailable_and_nothing_is_sent()
    {
        _bed.Bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, $"{{\"issuer\":\"{DiscoveryTestbed.Issuer}\",\"jwks_uri\":\"{DiscoveryTestbed.JwksUrl}\"}}");

        var document = await IntrospectAsync();

        document.Status.Should().Be(SourceStatus.Unavailable);
        document.Code.Should().Be(ClaimSourceErrorCodes.SourceSkipped);
        document.Message.Should().Be("the discovery document of client 'keycloak' has no 'introspection_endpoint'; set 'micronaut.security.oauth2.clients.keycloak.openid.introspection.url'");
        _bed.IntrospectionRequests.Should().Be(0);
    }

    [Test]
    public async Task Without_a_client_secret_the_source_is_unavailable_and_nothing_is_sent()
    {
        _bed.Bed.Options.Clients[DiscoveryTestbed.Client].ClientSecret = null;

        var document = await IntrospectAsync();

        document.Status.Should().Be(SourceStatus.Unavailable);
        document.Message.Should().StartWith("client 'keycloak' has no 'client-secret'");
        _bed.IntrospectionRequests.Should().Be(0);
    }

    [Test]
    public async Task A_configured_introspection_url_overrides_discovery()
    {
        const string other = "http://localhost:8088/custom/introspect";
        _bed.Bed.Options.Clients[DiscoveryTestbed.Client].OpenId.IntrospectionUrl = other;
        _bed.Bed.Http.Json(other, _bed.ActiveAnswer());

        (await IntrospectAsync()).Status.Should().Be(SourceStatus.Found);
        _bed.Bed.Http.CountFor(other).Should().Be(1);
    }
}
