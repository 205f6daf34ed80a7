using System.Net;
using System.Text;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Tests.Discovery;

/// <summary>Every way a provider can answer wrongly, each a <see cref="DiscoveryException"/> with its code and what came back.</summary>
public sealed class DiscoveryFaultTests
{
    private DiscoveryTestbed _bed = null!;

    [SetUp]
    public void SetUp() => _bed = new DiscoveryTestbed();

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private async Task<DiscoveryException> FailureAsync()
    {
        var assertion = await FluentActions.Awaiting(() => _bed.GetAsync().AsTask()).Should().ThrowAsync<DiscoveryException>();
        return assertion.Which;
    }

    [Test]
    public async Task A_500_is_reported_with_the_status_and_url()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{\"error\":\"unknown_error\"}", HttpStatusCode.InternalServerError);

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.HttpError);
        ex.StatusCode.Should().Be(500);
        ex.Url!.ToString().Should().Be(DiscoveryTestbed.DiscoveryUrl);
        ex.Message.Should().Be("KSO5005: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' answered 500 Internal Server Error; the provider is failing or refuses this host, see its logs");
    }

    [Test]
    public async Task A_timeout_is_reported_after_the_configured_time()
    {
        var received = new TaskCompletionSource();
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, async (_, ct) =>
        {
            received.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        var pending = _bed.GetAsync().AsTask();
        await received.Task;
        _bed.Time.Advance(TimeSpan.FromSeconds(9));
        pending.IsCompleted.Should().BeFalse();
        _bed.Time.Advance(TimeSpan.FromSeconds(1));
        var ex = (await FluentActions.Awaiting(() => pending).Should().ThrowAsync<DiscoveryException>()).Which;

        ex.Code.Should().Be(DiscoveryErrorCodes.Timeout);
        ex.Message.Should().Be("KSO5004: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' did not answer within 10 s; check that the provider is up and reachable from this host, or raise 'kestra-security-oidc.discovery.timeout'");
    }

    [Test]
    public async Task A_connection_failure_is_reported_as_unreachable()
    {
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (localhost:8088)"));

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.Unreachable);
        ex.Message.Should().StartWith("KSO5002: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' could not be reached (ConnectionError: Connection refused (localhost:8088))");
    }

    [Test]
    public async Task An_html_page_instead_of_json_is_refused_by_content_type()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "<!DOCTYPE html><html><body>Sign in</body></html>", contentType: "text/html");

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.NotJson);
        ex.ContentType.Should().Be("text/html");
        ex.Message.Should().Be("KSO5009: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' answered with 'text/html', not JSON (an HTML page: a proxy, login or error page answers instead of the provider); check the URL");
    }

    [Test]
    public async Task An_html_page_labelled_as_json_is_refused_by_its_body()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "\n<html><body>502 Bad Gateway</body></html>");

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.NotJson);
        ex.Message.Should().Contain("is not a JSON object (an HTML page");
    }

    [Test]
    public async Task Malformed_json_is_refused()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{\"issuer\": \"http://localhost:8088/realms/kestra\", ");

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.MalformedDocument);
        ex.Message.Should().StartWith("KSO5010: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' is unusable: malformed JSON");
    }

    [Test]
    public async Task A_document_without_jwks_uri_asks_for_the_override()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{\"issuer\": \"http://localhost:8088/realms/kestra\"}");

        var ex = await FailureAsync();

        ex.Message.Should().Be("KSO5010: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' is unusable: it has no 'jwks_uri'; set 'micronaut.security.oauth2.clients.keycloak.openid.jwks-uri'; check that the URL points at the OpenID provider");
    }

    [Test]
    public async Task A_20_MB_body_with_a_declared_length_is_refused_unread()
    {
        var read = false;
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, () =>
        {
            var content = new StreamContent(new CallbackStream(() => read = true, 20 * 1024 * 1024));
            content.Headers.ContentType = new("application/json");
            content.Headers.ContentLength = 20 * 1024 * 1024;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.TooLarge);
        ex.ContentLength.Should().Be(20 * 1024 * 1024);
        read.Should().BeFalse();
        ex.Message.Should().Be("KSO5008: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' is larger than 1048576 bytes; check the URL, or raise 'kestra-security-oidc.discovery.max-response-bytes'");
    }

    [Test]
    public async Task A_20_MB_chunked_body_is_cut_off_at_the_cap()
    {
        var stream = new CallbackStream(() => { }, 20 * 1024 * 1024);
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, () =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentType = new("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.TooLarge);
        stream.BytesRead.Should().BeLessThan(2 * 1024 * 1024);
    }

    [Test]
    public async Task A_redirect_is_not_followed()
    {
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, () => new HttpResponseMessage(HttpStatusCode.Found)
        {
            Headers = { Location = new Uri("https://evil.example.com/.well-known/openid-configuration") },
        });

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.Redirect);
        ex.StatusCode.Should().Be(302);
        ex.Message.Should().Be("KSO5007: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' answered 302 redirecting to 'https://evil.example.com/.well-known/openid-configuration'; redirects are not followed: configure the final URL (issuer, or the Keycloak hostname KC_HOSTNAME)");
        _bed.Http.Requests.Should().ContainSingle();
    }

    [Test]
    public async Task A_redirect_followed_by_a_misconfigured_http_client_is_still_refused()
    {
        _bed.Http.Respond(DiscoveryTestbed.DiscoveryUrl, () => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(DiscoveryTestbed.RecordedDocument("keycloak-26-openid-configuration.json"), Encoding.UTF8, "application/json"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://evil.example.com/.well-known/openid-configuration"),
        });

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.Redirect);
        ex.Message.Should().Contain("was redirected to 'https://evil.example.com/.well-known/openid-configuration'");
    }

    [Test]
    public async Task A_404_on_realms_suggests_the_pre_17_auth_path()
    {
        _bed.Http.Json(DiscoveryTestbed.DiscoveryUrl, "{\"error\":\"Realm does not exist\"}", HttpStatusCode.NotFound);

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.NotFound);
        ex.Message.Should().Be("KSO5006: the discovery document at 'http://localhost:8088/realms/kestra/.well-known/openid-configuration' answered 404 Not Found; check the realm name; Keycloak before 17 (or with KC_HTTP_RELATIVE_PATH=/auth) serves realms under '/auth': try the issuer 'http://localhost:8088/auth/realms/kestra'");
    }

    [Test]
    public async Task A_404_on_auth_realms_suggests_the_path_without_auth()
    {
        _bed.Options.Clients["keycloak"].OpenId.Issuer = "http://localhost:8088/auth/realms/kestra";

        var ex = await FailureAsync();

        ex.Message.Should().EndWith("answered 404 Not Found; check the realm name; Keycloak 17 and later serve realms without '/auth': try the issuer 'http://localhost:8088/realms/kestra'");
    }

    [Test]
    public async Task A_pre_17_auth_realm_document_is_read_from_the_auth_path()
    {
        const string issuer = "http://localhost:8088/auth/realms/kestra";
        _bed.Options.Clients["keycloak"].OpenId.Issuer = issuer;
        _bed.Http.Json(issuer + "/.well-known/openid-configuration", DiscoveryTestbed.RecordedDocument("keycloak-16-openid-configuration.json"));
        _bed.Http.Json(issuer + "/protocol/openid-connect/certs", Tokens.TestKey.Jwks(Tokens.TestKey.Current));

        var metadata = await _bed.GetAsync();

        metadata.Issuer.Should().Be(issuer);
        metadata.JwksUri.ToString().Should().Be(issuer + "/protocol/openid-connect/certs");
    }

    [Test]
    public async Task A_failing_jwks_is_reported_with_its_own_url()
    {
        _bed.Http.Json(DiscoveryTestbed.JwksUrl, "{}", HttpStatusCode.ServiceUnavailable);

        var ex = await FailureAsync();

        ex.Code.Should().Be(DiscoveryErrorCodes.HttpError);
        ex.Url!.ToString().Should().Be(DiscoveryTestbed.JwksUrl);
    }

    /// <summary>A stream of <c>{</c> then spaces, of a given length, that records how much was read.</summary>
    private sealed class CallbackStream(Action onRead, long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            onRead();
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            if (BytesRead == 0 && n > 0)
            {
                buffer[offset] = (byte)'{';
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
