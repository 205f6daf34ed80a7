using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>The fault server itself: each mode misbehaves the way the fault tests rely on, and it stops when disposed.</summary>
[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
public sealed class FaultServerTests
{
    private FaultServer _server = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FaultServer.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Uri Discovery(string realm) => new($"{_server.IssuerOf(realm)}/.well-known/openid-configuration");

    [Test]
    public async Task A_realm_serves_a_discovery_document_whose_issuer_is_its_own_url()
    {
        var document = JsonNode.Parse(await _http.GetStringAsync(Discovery("plain")))!;

        document["issuer"]!.GetValue<string>().Should().Be(_server.IssuerOf("plain").AbsoluteUri);
        document["jwks_uri"]!.GetValue<string>().Should().Be($"{_server.IssuerOf("plain")}/protocol/openid-connect/certs");
    }

    [Test]
    public async Task Flapping_alternates_500_and_200()
    {
        await _server.SetFaultsAsync("flap", discovery: FaultMode.Flap);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _http.GetAsync(Discovery("flap"));
            codes.Add(response.StatusCode);
        }

        codes.Should().Equal(HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        (await _server.GetStatsAsync("flap")).DiscoveryRequests.Should().Be(4);
    }

    [Test]
    public async Task A_reset_mid_body_fails_the_read()
    {
        await _server.SetFaultsAsync("reset", discovery: FaultMode.Reset);

        var read = () => _http.GetStringAsync(Discovery("reset"));

        await read.Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public async Task A_hanging_request_is_cut_by_the_client_timeout()
    {
        await _server.SetFaultsAsync("hang", discovery: FaultMode.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var read = () => _http.GetStringAsync(Discovery("hang"), cancel.Token);

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task Rotating_keys_publishes_a_new_signing_key_and_keeps_the_old_one()
    {
        var before = (await _server.GetStatsAsync("rotate")).SigningKid;

        var after = await _server.RotateKeysAsync("rotate");

        var stats = await _server.GetStatsAsync("rotate");
        stats.SigningKid.Should().Be(after).And.NotBe(before);
        stats.PublishedKids.Should().Equal(after, before);
    }

    [Test]
    public async Task Signed_tokens_carry_the_current_kid()
    {
        var kid = await _server.RotateKeysAsync("sign", dropOld: true);

        var token = await _server.SignAsync("sign", new JsonObject { ["sub"] = "u1" });

        var header = JsonNode.Parse(Convert.FromBase64String(Pad(token.Split('.')[0])))!;
        header["kid"]!.GetValue<string>().Should().Be(kid);
        header["alg"]!.GetValue<string>().Should().Be("RS256");
    }

    [Test]
    public async Task Raw_signing_added_keys_and_document_overrides_do_what_the_review_tests_rely_on()
    {
        const string realm = "raw";
        var weak = await _server.AddKeyAsync(realm, bits: 1024);
        await _server.SetDocumentAsync(realm, new JsonObject { ["jwks_uri"] = "file:///etc/passwd" });

        var token = await _server.SignRawAsync(realm, "{\"a\":{\"b\":1,\"b\":2}}", new JsonObject { ["alg"] = "RS384" }, unset: ["typ", "kid"], signWith: weak);
        var document = JsonNode.Parse(await _http.GetStringAsync(Discovery(realm)))!;
        var jwks = JsonNode.Parse(await _http.GetStringAsync(new Uri($"{_server.IssuerOf(realm)}/protocol/openid-connect/certs")))!;

        var parts = token.Split('.');
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[0]))).Should().Be("{\"alg\":\"RS384\"}");
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Should().Be("{\"a\":{\"b\":1,\"b\":2}}");
        document["jwks_uri"]!.GetValue<string>().Should().Be("file:///etc/passwd");
        var published = jwks["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == weak)!;
        Convert.FromBase64String(Pad(published["n"]!.GetValue<string>())).Length.Should().Be(128, "a 1024-bit modulus");
        (await _server.GetStatsAsync(realm)).SigningKid.Should().NotBe(weak);
        using var rsa = System.Security.Cryptography.RSA.Create(new System.Security.Cryptography.RSAParameters
        {
            Modulus = Convert.FromBase64String(Pad(published["n"]!.GetValue<string>())),
            Exponent = Convert.FromBase64String(Pad(published["e"]!.GetValue<string>())),
        });
        rsa.VerifyData(System.Text.Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Convert.FromBase64String(Pad(parts[2])),
            System.Security.Cryptography.HashAlgorithmName.SHA384, System.Security.Cryptography.RSASignaturePadding.Pkcs1).Should().BeTrue();
    }

    [Test]
    public async Task Disposing_the_server_stops_the_node_process()
    {
        var server = await FaultServer.StartAsync();
        var discovery = new Uri($"{server.IssuerOf("x")}/.well-known/openid-configuration");

        await server.DisposeAsync();

        var fetch = () => _http.GetAsync(discovery);
        (await fetch.Should().ThrowAsync<HttpRequestException>()).WithInnerException<SocketException>();
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
