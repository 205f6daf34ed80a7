using Kestra.Security.Oidc.IntegrationTests.Infrastructure;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.IntegrationTests.Validation;

/// <summary>Validation across real key rotations; rotation changes the provider for good, so this fixture runs its own.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class KeyRotationValidationTests
{
    private const string Certs = "/protocol/openid-connect/certs";
    private const string WellKnown = "/.well-known/openid-configuration";

    private OidcProviderServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await OidcProviderServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task A_token_signed_after_a_rotation_validates_through_one_jwks_refetch_and_old_tokens_still_do()
    {
        using var library = new LibraryOnProvider(_server);
        using var flow = _server.CreateFlow();
        var before = await flow.LoginAsync("alice", "alice");
        (await library.ValidateAsync(before)).IsValid.Should().BeTrue();
        var cachedKeys = (await library.Metadata.GetAsync(LibraryOnProvider.Client)).KeysFetchedAt;
        library.RequestsTo(Certs).Should().Be(1);
        library.RequestsTo(WellKnown).Should().Be(1);

        var rotation = await _server.RotateKeysAsync();
        using var newBrowser = _server.CreateFlow();
        var after = await newBrowser.LoginAsync("alice", "alice");
        var result = await library.ValidateAsync(after);

        result.IsValid.Should().BeTrue(result.Message);
        var metadata = await library.Metadata.GetAsync(LibraryOnProvider.Client);
        metadata.SigningKeys.Select(k => k.KeyId).Should().Contain(rotation.SigningKid);
        metadata.KeysFetchedAt.Should().BeAfter(cachedKeys);
        library.RequestsTo(Certs).Should().Be(2, "the unknown kid causes exactly one JWKS refetch");
        (await library.ValidateAsync(before)).IsValid.Should().BeTrue("the old key is still published");
        (await library.ValidateAsync(after)).IsValid.Should().BeTrue();
        library.RequestsTo(Certs).Should().Be(2, "known keys need no further request");
        library.RequestsTo(WellKnown).Should().Be(1, "a key rotation does not refetch the discovery document");
    }

    [Test]
    public async Task After_the_old_key_is_dropped_old_tokens_fail_as_unknown_key()
    {
        using var library = new LibraryOnProvider(_server, o => o.Extensions.Discovery.JwksRefetchCooldown = TimeSpan.Zero);
        using var flow = _server.CreateFlow();
        var before = await flow.LoginAsync("bob", "bob");
        (await library.ValidateAsync(before)).IsValid.Should().BeTrue();

        await _server.RotateKeysAsync(dropOld: true);
        using var newBrowser = _server.CreateFlow();
        var after = await newBrowser.LoginAsync("bob", "bob");

        (await library.ValidateAsync(after)).IsValid.Should().BeTrue();
        (await library.ValidateAsync(before)).Failure.Should().Be(IdTokenCheck.UnknownKey);
    }
}
