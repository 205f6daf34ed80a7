using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.IntegrationTests.Keys;

/// <summary>Key rotation changes the provider for good, so this fixture runs its own provider.</summary>
[Category("Integration")]
[Category("Fixture")] // checks the test provider only, not the library
[NonParallelizable]
public sealed class KeyRotationTests
{
    private OidcProviderServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await OidcProviderServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task After_a_rotation_the_JWKS_has_a_new_kid_and_new_tokens_use_it()
    {
        var before = await _server.GetSigningKidAsync();

        var rotation = await _server.RotateKeysAsync();
        var keys = await Jwks.FetchAsync(_server);
        using var flow = _server.CreateFlow();
        var tokens = await flow.LoginAsync("alice", "alice");

        rotation.SigningKid.Should().NotBe(before);
        keys.Select(k => k.Kid).Should().Contain([rotation.SigningKid, before]);
        UnverifiedJwt.Decode(tokens.IdToken).Kid.Should().Be(rotation.SigningKid);
    }

    [Test]
    public async Task Dropping_old_keys_leaves_only_the_new_one_in_the_JWKS()
    {
        var rotation = await _server.RotateKeysAsync(dropOld: true);

        var keys = await Jwks.FetchAsync(_server);

        keys.Select(k => k.Kid).Should().Equal(rotation.SigningKid);
        rotation.PublishedKids.Should().Equal(rotation.SigningKid);
    }

    [Test]
    public async Task A_browser_session_survives_a_rotation()
    {
        using var flow = _server.CreateFlow();
        await flow.LoginAsync("bob", "bob");

        var rotation = await _server.RotateKeysAsync();
        var again = await flow.AuthorizeAsync("bob", "bob");
        var tokens = await flow.RedeemCodeAsync(again);

        again.PromptedForCredentials.Should().BeFalse();
        UnverifiedJwt.Decode(tokens.IdToken).Kid.Should().Be(rotation.SigningKid);
    }
}
