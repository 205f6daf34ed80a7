using Kestra.Security.Oidc.State;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>Back-channel logout tokens (SPEC §9): one minted token per rule, on the JWS core with the logout-token profile.</summary>
public sealed class LogoutTokenValidatorTests
{
    private const string Event = "http://schemas.openid.net/event/backchannel-logout";
    private DiscoveryTestbed _bed = null!;
    private InMemoryReplayCache _replay = null!;
    private LogoutTokenValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _bed = new DiscoveryTestbed();
        _replay = new InMemoryReplayCache(_bed.Time);
        _validator = new LogoutTokenValidator(_bed.Options, _bed.Provider, _replay, _bed.Time);
    }

    [TearDown]
    public void TearDown() => _bed.Dispose();

    /// <summary>A logout token as oidc-provider sends it: header <c>typ: logout+jwt</c>, 2 minutes, sid and sub.</summary>
    private TestTokenBuilder Logout()
    {
        var builder = TestTokenBuilder.IdToken(_bed.Time.GetUtcNow())
            .Header("typ", "logout+jwt")
            .With("exp", _bed.Time.GetUtcNow().AddMinutes(2).ToUnixTimeSeconds())
            .With("events", new Dictionary<string, object> { [Event] = new Dictionary<string, object>() })
            .With("jti", "0f6c0d1e-logout-1");
        foreach (var claim in new[] { "typ", "azp", "at_hash", "acr", "auth_time", "email_verified", "name", "preferred_username", "given_name", "family_name", "email", "resource_access" })
        {
            builder.Without(claim);
        }

        return builder;
    }

    private ValueTask<LogoutTokenValidationResult> ValidateAsync(string token) => _validator.ValidateAsync(token, DiscoveryTestbed.Client);

    private async Task<LogoutTokenValidationResult> RejectedAsync(string token, LogoutTokenCheck check)
    {
        var result = await ValidateAsync(token);
        result.IsValid.Should().BeFalse();
        result.Failure.Should().Be(check, result.Message);
        result.Message.Should().StartWith(result.Code + ": ").And.NotContain(token);
        result.SessionId.Should().BeNull();
        result.Subject.Should().BeNull();
        return result;
    }

    [Test]
    public async Task A_logout_token_as_oidc_provider_sends_it_is_valid_and_names_the_session()
    {
        var result = await ValidateAsync(Logout().Build());

        result.IsValid.Should().BeTrue(result.Message);
        (result.Failure, result.Code, result.Message).Should().Be(((LogoutTokenCheck?)null, (string?)null, string.Empty));
        result.ClientName.Should().Be("keycloak");
        result.Issuer.Should().Be(DiscoveryTestbed.Issuer);
        result.SessionId.Should().Be("0e5c9a3b-7d21-4f6e-8b4a-1c2d3e4f5a6b");
        result.Subject.Should().Be("f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90");
        result.TokenId.Should().Be("0f6c0d1e-logout-1");
        result.IssuedAt.Should().Be(_bed.Time.GetUtcNow());
        result.ExpiresAt.Should().Be(_bed.Time.GetUtcNow().AddMinutes(2));
        result.ToString().Should().NotContain(result.SessionId).And.NotContain(result.Subject);
    }

    [Test]
    public async Task A_Keycloak_logout_token_with_typ_Logout_and_header_JWT_is_valid() =>
        (await ValidateAsync(Logout().Header("typ", "JWT").With("typ", "Logout").Build())).IsValid.Should().BeTrue();

    [TestCase("application/logout+jwt")]
    [TestCase("LOGOUT+JWT")]
    public async Task The_header_type_is_compared_as_a_media_type(string type) =>
        (await ValidateAsync(Logout().Header("typ", type).Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task The_same_logout_token_is_never_accepted_twice()
    {
        var token = Logout().Build();
        (await ValidateAsync(token)).IsValid.Should().BeTrue();

        var again = await RejectedAsync(token, LogoutTokenCheck.Replayed);

        again.Message.Should().Be("KSO5133: this logout token ('jti') was accepted before; a logout token is accepted once");
    }

    [Test]
    public async Task A_refused_token_does_not_use_up_its_jti()
    {
        await RejectedAsync(Logout().WithTamperedSignature().Build(), LogoutTokenCheck.Signature);

        (await ValidateAsync(Logout().Build())).IsValid.Should().BeTrue();
    }

    [Test]
    public async Task A_nonce_is_refused()
    {
        var result = await RejectedAsync(Logout().With("nonce", "n-0S6_WzA2Mj").Build(), LogoutTokenCheck.Nonce);

        result.Message.Should().Be("KSO5114: the token carries a 'nonce': a logout token never does (this looks like an ID token)");
    }

    [Test]
    public async Task A_missing_events_member_is_refused()
    {
        var result = await RejectedAsync(Logout().Without("events").Build(), LogoutTokenCheck.Events);

        result.Message.Should().Be($"KSO5130: the token's 'events' is missing; a logout token's 'events' holds '{Event}' with an object value");
    }

    [TestCase("[]")]
    [TestCase("\"" + Event + "\"")]
    [TestCase("{}")]
    [TestCase("{\"http://schemas.openid.net/event/backchannel-logou\":{}}")]
    [TestCase("{\"" + Event + "\":true}")]
    [TestCase("{\"" + Event + "\":[]}")]
    [TestCase("{\"other\":{\"" + Event + "\":{}}}")]
    public async Task Events_without_the_back_channel_logout_event_object_are_refused(string events)
    {
        var payload = Logout().PayloadJson().Replace($"\"events\":{{\"{Event}\":{{}}}}", $"\"events\":{events}", StringComparison.Ordinal);

        await RejectedAsync(Logout().Build(payload), LogoutTokenCheck.Events);
    }

    [Test]
    public async Task The_event_may_sit_among_other_events() =>
        (await ValidateAsync(Logout().With("events", new Dictionary<string, object> { ["urn:other"] = new[] { 1 }, [Event] = new Dictionary<string, object>() }).Build()))
            .IsValid.Should().BeTrue();

    [Test]
    public async Task A_missing_jti_is_refused()
    {
        var result = await RejectedAsync(Logout().Without("jti").Build(), LogoutTokenCheck.TokenId);

        result.Message.Should().Be("KSO5131: the token's 'jti' is missing; a logout token needs one (a non-empty string) so it is never accepted twice");
    }

    [TestCase("")]
    [TestCase(42)]
    [TestCase(null)]
    public async Task An_unusable_jti_is_refused(object? jti) =>
        await RejectedAsync(Logout().With("jti", jti).Build(), LogoutTokenCheck.TokenId);

    [Test]
    public async Task A_token_with_neither_sid_nor_sub_is_refused()
    {
        var result = await RejectedAsync(Logout().Without("sid").Without("sub").Build(), LogoutTokenCheck.SessionOrSubject);

        result.Message.Should().Be("KSO5132: the token has neither 'sid' nor 'sub': it does not say which session to end");
    }

    [Test]
    public async Task A_sid_alone_is_enough()
    {
        var result = await ValidateAsync(Logout().Without("sub").Build());

        (result.IsValid, result.SessionId, result.Subject).Should().Be((true, "0e5c9a3b-7d21-4f6e-8b4a-1c2d3e4f5a6b", (string?)null));
    }

    [Test]
    public async Task A_sub_alone_is_enough()
    {
        var result = await ValidateAsync(Logout().Without("sid").Build());

        (result.IsValid, result.SessionId, result.Subject).Should().Be((true, (string?)null, "f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90"));
    }

    [TestCase("sid", "")]
    [TestCase("sid", 7)]
    [TestCase("sub", "")]
    [TestCase("sub", null)]
    public async Task An_empty_or_non_string_sid_or_sub_is_refused(string claim, object? value) =>
        (await RejectedAsync(Logout().With(claim, value).Build(), LogoutTokenCheck.SessionOrSubject))
            .Message.Should().Be("KSO5132: the token's 'sid' and 'sub', when present, must be non-empty strings");

    [Test]
    public async Task A_logout_token_for_another_client_is_refused()
    {
        var result = await RejectedAsync(Logout().With("aud", "grafana").Build(), LogoutTokenCheck.Audience);

        result.Message.Should().Be("KSO5108: the token's audience [grafana] does not contain the client id 'kestra'; the logout is for another client");
    }

    [Test]
    public async Task A_missing_audience_is_refused() =>
        await RejectedAsync(Logout().Without("aud").Build(), LogoutTokenCheck.Audience);

    [Test]
    public async Task An_expired_logout_token_is_refused()
    {
        var token = Logout().Build();
        _bed.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(60));

        await RejectedAsync(token, LogoutTokenCheck.Expired);
    }

    [Test]
    public async Task A_missing_exp_or_iat_is_refused()
    {
        await RejectedAsync(Logout().Without("exp").Build(), LogoutTokenCheck.MissingExpiry);
        await RejectedAsync(Logout().With("jti", "other").Without("iat").Build(), LogoutTokenCheck.IssuedAt);
    }

    [Test]
    public async Task A_logout_token_from_another_issuer_is_refused() =>
        await RejectedAsync(Logout().With("iss", "http://localhost:8088/realms/other").Build(), LogoutTokenCheck.Issuer);

    [Test]
    public async Task A_bad_signature_is_refused() =>
        await RejectedAsync(Logout().WithTamperedSignature().Build(), LogoutTokenCheck.Signature);

    [Test]
    public async Task An_unsigned_logout_token_is_refused() =>
        await RejectedAsync(Logout().Unsigned().Build(), LogoutTokenCheck.Algorithm);

    [Test]
    public async Task An_id_token_is_refused_as_the_wrong_kind()
    {
        var result = await RejectedAsync(_bed.Token().Build(), LogoutTokenCheck.TokenType);

        result.Message.Should().Be("KSO5115: the token's 'typ' claim is \"ID\", not \"Logout\": not a logout token (a Keycloak ID token says \"ID\", an access token \"Bearer\")");
    }

    [TestCase("Bearer")]
    [TestCase("Refresh")]
    public async Task Another_Keycloak_kind_is_refused(string type) =>
        await RejectedAsync(Logout().With("typ", type).Build(), LogoutTokenCheck.TokenType);

    [Test]
    public async Task An_access_token_header_is_refused()
    {
        var result = await RejectedAsync(Logout().Header("typ", "at+jwt").Build(), LogoutTokenCheck.TokenType);

        result.Message.Should().Be("KSO5115: the token's 'typ' header is 'at+jwt': not a logout token (expected 'logout+jwt')");
    }

    [TestCase("JWT")]
    [TestCase(null)]
    public async Task A_token_that_does_not_say_it_is_a_logout_token_is_refused(string? headerType)
    {
        var builder = headerType is null ? Logout().WithoutHeader("typ") : Logout().Header("typ", headerType);

        var result = await RejectedAsync(builder.Build(), LogoutTokenCheck.TokenType);

        result.Message.Should().Be("KSO5115: the token says neither header 'typ: logout+jwt' nor claim 'typ: Logout' (Keycloak): not recognisable as a logout token");
    }

    [Test]
    public async Task An_unknown_client_is_an_argument_error()
    {
        var act = async () => await _validator.ValidateAsync(Logout().Build(), "nope");

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("'nope' is not a client under 'micronaut.security.oauth2.clients'*");
    }
}
