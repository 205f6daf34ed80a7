using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>Every check of the access-token profile (SPEC §7), one minted token each.</summary>
public sealed class AccessTokenValidatorTests
{
    private DiscoveryTestbed _bed = null!;
    private AccessTokenValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _bed = new DiscoveryTestbed();
        _validator = new AccessTokenValidator(_bed.Options, _bed.Provider, _bed.Time);
    }

    [TearDown]
    public void TearDown() => _bed.Dispose();

    private TestTokenBuilder Token() => AccessTokens.Keycloak(_bed.Time.GetUtcNow());

    private ValueTask<AccessTokenValidationResult> ValidateAsync(string token, string? client = DiscoveryTestbed.Client) => _validator.ValidateAsync(token, client);

    private async Task<AccessTokenValidationResult> RejectedAsync(string token, AccessTokenCheck check)
    {
        var result = await ValidateAsync(token);
        result.IsValid.Should().BeFalse();
        result.Failure.Should().Be(check, result.Message);
        result.Code.Should().Be(AccessTokenCheckCodes.Of(check));
        result.Message.Should().StartWith(result.Code + ": ").And.NotContain(token);
        result.Subject.Should().BeNull();
        result.PayloadUtf8.IsEmpty.Should().BeTrue();
        return result;
    }

    [Test]
    public async Task A_Keycloak_access_token_is_valid_and_carries_its_payload()
    {
        var result = await ValidateAsync(Token().Build());

        result.IsValid.Should().BeTrue(result.Message);
        result.Code.Should().BeNull();
        result.ClientName.Should().Be("keycloak");
        result.Subject.Should().Be("f3b1c6de-8a42-4c1e-9b7f-2d5e6a7c8b90");
        result.Issuer.Should().Be(DiscoveryTestbed.Issuer);
        result.Audiences.Should().Equal("kestra");
        result.AuthorizedParty.Should().Be("kestra");
        result.ExpiresAt.Should().Be(_bed.Time.GetUtcNow().AddMinutes(5));
        result.Payload.GetProperty("scope").GetString().Should().Be("openid profile email roles");
    }

    [Test]
    public async Task An_RFC_9068_token_with_the_at_jwt_header_is_valid() =>
        (await ValidateAsync(Token().Header("typ", "at+jwt").Without("typ").Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task A_token_without_a_typ_header_is_valid() =>
        (await ValidateAsync(Token().WithoutHeader("typ").Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task A_service_account_token_without_sub_is_identified_by_its_client_id()
    {
        var result = await ValidateAsync(Token().Without("sub").With("client_id", "reporting-job").Build());

        result.IsValid.Should().BeTrue(result.Message);
        result.Subject.Should().Be("reporting-job");
    }

    [Test]
    public async Task An_id_token_given_as_an_access_token_is_refused_as_the_wrong_kind()
    {
        var result = await RejectedAsync(_bed.Token().Build(), AccessTokenCheck.TokenType);

        result.Message.Should().Be("KSO5215: the token's 'typ' claim is \"ID\", not \"Bearer\": an ID token; send the access_token of the token response, not the id_token");
    }

    [Test]
    public async Task An_id_token_without_typ_is_told_apart_by_its_nonce_or_at_hash()
    {
        await RejectedAsync(_bed.Token().Without("typ").With("nonce", "n-0S6_WzA2Mj").Build(), AccessTokenCheck.TokenType);
        await RejectedAsync(_bed.Token().Without("typ").Build(), AccessTokenCheck.TokenType);
    }

    [Test]
    public async Task An_access_token_given_as_an_id_token_is_refused_as_the_wrong_kind()
    {
        var result = await _bed.ValidateAsync(Token().Build());

        result.Failure.Should().Be(IdTokenCheck.TokenType);
    }

    [Test]
    public async Task Refresh_and_logout_tokens_are_refused()
    {
        await RejectedAsync(Token().With("typ", "Refresh").Build(), AccessTokenCheck.TokenType);
        await RejectedAsync(Token().With("typ", "Logout").Build(), AccessTokenCheck.TokenType);
        var result = await RejectedAsync(Token().Without("typ").Header("typ", "logout+jwt").Build(), AccessTokenCheck.TokenType);
        result.Message.Should().Be("KSO5215: the token's 'typ' header is 'logout+jwt', not 'at+jwt' or 'JWT': this is not an access token (a logout token)");
    }

    [Test]
    public async Task A_foreign_issuer_is_refused() =>
        await RejectedAsync(Token().With("iss", "http://localhost:8088/realms/other").Build(), AccessTokenCheck.Issuer);

    [Test]
    public async Task Exp_is_required_and_checked()
    {
        await RejectedAsync(Token().Without("exp").Build(), AccessTokenCheck.MissingExpiry);
        await RejectedAsync(Token().With("exp", _bed.Time.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds()).Build(), AccessTokenCheck.Expired);
    }

    [Test]
    public async Task Iat_is_required_and_not_in_the_future()
    {
        await RejectedAsync(Token().Without("iat").Build(), AccessTokenCheck.IssuedAt);
        await RejectedAsync(Token().With("iat", "yesterday").Build(), AccessTokenCheck.IssuedAt);
        await RejectedAsync(Token().With("iat", _bed.Time.GetUtcNow().AddMinutes(2).ToUnixTimeSeconds()).Build(), AccessTokenCheck.IssuedAt);
    }

    [Test]
    public async Task Nbf_in_the_future_is_refused() =>
        await RejectedAsync(Token().With("nbf", _bed.Time.GetUtcNow().AddMinutes(2).ToUnixTimeSeconds()).Build(), AccessTokenCheck.NotYetValid);

    [Test]
    public async Task A_token_without_sub_or_client_id_is_refused()
    {
        var result = await RejectedAsync(Token().Without("sub").Build(), AccessTokenCheck.MissingSubject);

        result.Message.Should().Be("KSO5212: the token has neither 'sub' (the user) nor 'client_id' (a service account) as a non-empty string");
    }

    [Test]
    public async Task Keycloaks_default_account_audience_names_the_audience_mapper()
    {
        var result = await RejectedAsync(Token().With("aud", "account").Build(), AccessTokenCheck.Audience);

        result.Message.Should().StartWith("KSO5208: the token's only audience is 'account' (Keycloak's default, for its account console), not one of [kestra]; in Keycloak, add an Audience mapper");
    }

    [Test]
    public async Task Another_audience_is_refused()
    {
        var result = await RejectedAsync(Token().With("aud", new[] { "billing-api", "account" }).Build(), AccessTokenCheck.Audience);

        result.Message.Should().Be("KSO5208: the token's audience [billing-api, account] contains none of [kestra] ('kestra-security-oidc.access-token.audiences', default the client id); the token was issued for another API");
    }

    [Test]
    public async Task A_missing_audience_is_refused() =>
        await RejectedAsync(Token().Without("aud").Build(), AccessTokenCheck.Audience);

    [Test]
    public async Task Configured_audiences_replace_the_client_id()
    {
        _bed.Options.Extensions.AccessToken.Audiences = ["kestra-api"];

        (await ValidateAsync(Token().With("aud", new[] { "kestra-api", "account" }).Build())).IsValid.Should().BeTrue();
        await RejectedAsync(Token().Build(), AccessTokenCheck.Audience);
    }

    [Test]
    public async Task Authorized_parties_limit_azp_when_configured()
    {
        _bed.Options.Extensions.AccessToken.AuthorizedParties = ["kestra-ui"];

        (await ValidateAsync(Token().With("azp", "kestra-ui").Build())).IsValid.Should().BeTrue();
        var result = await RejectedAsync(Token().Build(), AccessTokenCheck.AuthorizedParty);
        result.Message.Should().Be("KSO5209: the token was issued to the client 'kestra', which is not in 'kestra-security-oidc.access-token.authorized-parties' [kestra-ui]");
        await RejectedAsync(Token().Without("azp").Build(), AccessTokenCheck.AuthorizedParty);
    }

    [Test]
    public async Task Without_authorized_parties_any_azp_is_accepted() =>
        (await ValidateAsync(Token().With("azp", "another-app").Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task A_nonce_is_never_required() =>
        (await ValidateAsync(Token().Without("nonce").Build())).IsValid.Should().BeTrue();

    [Test]
    public async Task A_bad_signature_is_refused() =>
        await RejectedAsync(Token().WithTamperedSignature().Build(), AccessTokenCheck.Signature);

    [Test]
    public async Task An_unsigned_token_is_refused() =>
        await RejectedAsync(Token().Unsigned().Build(), AccessTokenCheck.Algorithm);

    [Test]
    public async Task A_crit_header_is_refused() =>
        await RejectedAsync(Token().Header("crit", new[] { "exp" }).Build(), AccessTokenCheck.CriticalHeader);

    [Test]
    public async Task A_malformed_token_is_refused() =>
        await RejectedAsync("eyJhbGciOiJSUzI1NiJ9.not base64.c2ln", AccessTokenCheck.Format);

    [Test]
    public async Task An_unknown_key_is_refused() =>
        await RejectedAsync(Token().SignedWith(TestKey.Attacker).Build(), AccessTokenCheck.UnknownKey);

    [Test]
    public async Task An_oversized_token_is_refused_unread() =>
        await RejectedAsync(new string('a', 16 * 1024 + 1), AccessTokenCheck.Size);

    [Test]
    public async Task An_opaque_token_is_refused_with_the_way_to_check_it()
    {
        var result = await RejectedAsync("8f14e45fceea167a5a36dedd4bea2543", AccessTokenCheck.Opaque);

        result.Message.Should().Contain("add 'introspection' to 'kestra-security-oidc.claim-sources'");
        _bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public void Every_check_has_its_own_code()
    {
        var codes = Enum.GetValues<AccessTokenCheck>().Select(AccessTokenCheckCodes.Of).ToList();

        codes.Should().OnlyHaveUniqueItems().And.AllSatisfy(c => c.Should().MatchRegex("^KSO5[23][0-9]{2}$"));
        AccessTokenCheckCodes.Of(AccessTokenCheck.Audience).Should().Be("KSO5208");
    }

    [Test]
    public async Task Without_a_client_name_the_issuer_picks_the_client()
    {
        _bed.Options.Clients["other"] = new OidcClientOptions { ClientId = "other", OpenId = { Issuer = "http://localhost:8088/realms/other" } };

        var result = await ValidateAsync(Token().Build(), client: null);

        result.IsValid.Should().BeTrue(result.Message);
        result.ClientName.Should().Be("keycloak");
    }

    [Test]
    public async Task An_ambiguous_choice_of_client_is_refused_naming_the_candidates()
    {
        _bed.Options.Clients["twin"] = new OidcClientOptions { ClientId = "kestra", OpenId = { Issuer = DiscoveryTestbed.Issuer } };

        var result = await ValidateAsync(Token().Build(), client: null);

        result.Failure.Should().Be(AccessTokenCheck.AmbiguousClient);
        result.Message.Should().Be("KSO5322: the clients 'keycloak' (client-id 'kestra'), 'twin' (client-id 'kestra') all have the token's issuer 'http://localhost:8088/realms/kestra', and its 'azp' (\"kestra\") and 'aud' [kestra] do not tell them apart; name the client");
    }
}
