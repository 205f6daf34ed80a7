using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary>The keys of SPEC §7: <c>claim-sources</c>, <c>access-token.*</c>, <c>introspection.*</c>.</summary>
public sealed class ClaimSourceConfigurationTests
{
    private static KestraConfigurationResult Load(string yaml) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

    private static IEnumerable<string> Lines(KestraConfigurationResult result) => result.Diagnostics.Select(d => d.ToString());

    [Test]
    public void The_defaults_keep_Kestras_behaviour()
    {
        var extensions = new KestraOidcOptions().Extensions;

        extensions.ClaimSources.Should().Equal(ClaimSourceKind.IdToken);
        extensions.AccessToken.Audiences.Should().BeEmpty();
        extensions.AccessToken.AuthorizedParties.Should().BeEmpty();
        extensions.Introspection.CacheDuration.Should().Be(TimeSpan.FromSeconds(60));
        extensions.Introspection.CacheSize.Should().Be(10_000);
    }

    [Test]
    public void Every_key_is_read()
    {
        var result = Load("""
            kestra-security-oidc:
              claim-sources: [access-token, introspection, userinfo, id-token]
              access-token:
                audiences: [kestra-api, kestra]
                authorized-parties:
                  - kestra-ui
              introspection:
                cache-duration: 30s
                cache-size: 500
            micronaut.security.oauth2.clients.keycloak:
              client-id: kestra
              openid:
                issuer: http://localhost:8088/realms/kestra
                introspection:
                  url: http://localhost:8088/realms/kestra/custom/introspect
            """);

        result.Diagnostics.Should().BeEmpty();
        var options = result.GetOptionsOrThrow();
        options.Extensions.ClaimSources.Should().Equal(ClaimSourceKind.AccessToken, ClaimSourceKind.Introspection, ClaimSourceKind.UserInfo, ClaimSourceKind.IdToken);
        options.Extensions.AccessToken.Audiences.Should().Equal("kestra-api", "kestra");
        options.Extensions.AccessToken.AuthorizedParties.Should().Equal("kestra-ui");
        options.Extensions.Introspection.CacheDuration.Should().Be(TimeSpan.FromSeconds(30));
        options.Extensions.Introspection.CacheSize.Should().Be(500);
        options.Clients["keycloak"].OpenId.IntrospectionUrl.Should().Be("http://localhost:8088/realms/kestra/custom/introspect");
    }

    [Test]
    public void Source_names_follow_Micronauts_spelling_rules()
    {
        var result = Load("kestra-security-oidc.claim-sources: [ID_TOKEN, userInfo, accessToken]");

        result.GetOptionsOrThrow().Extensions.ClaimSources.Should().Equal(ClaimSourceKind.IdToken, ClaimSourceKind.UserInfo, ClaimSourceKind.AccessToken);
    }

    [Test]
    public void An_unknown_source_is_an_error_at_its_own_position_with_a_suggestion()
    {
        var result = Load("""
            kestra-security-oidc:
              claim-sources:
                - id-token
                - user-infos
            """);

        result.IsValid.Should().BeFalse();
        Lines(result).Should().Equal(
            "application.yml:4:7: kestra-security-oidc.claim-sources[1]: error KSO1015: unknown claim source 'user-infos'; did you mean 'userinfo'? valid sources: id-token, userinfo, access-token, introspection");
    }

    [Test]
    public void A_source_listed_twice_is_an_error()
    {
        var result = Load("kestra-security-oidc.claim-sources: [id-token, userinfo, id-token]");

        Lines(result).Should().Equal(
            "application.yml:1:58: kestra-security-oidc.claim-sources[2]: error KSO1015: the claim source 'id-token' is listed twice; list each source once, in the order to try them");
    }

    [Test]
    public void An_invalid_cache_duration_is_an_error()
    {
        var result = Load("kestra-security-oidc.introspection.cache-duration: soon");

        Lines(result).Should().Equal(
            "application.yml:1:52: kestra-security-oidc.introspection.cache-duration: error KSO1015: 'soon' is not valid here; expected a duration such as 500ms, 10s, 5m, 1h, 1d or PT10S");
    }

    [Test]
    public void Options_built_in_code_are_checked_too()
    {
        var options = new KestraOidcOptions();
        options.Extensions.ClaimSources = [];
        options.Extensions.AccessToken.Audiences = [" "];
        options.Extensions.Introspection.CacheDuration = TimeSpan.FromSeconds(-1);

        KestraOidcOptionsValidator.Validate(options).Select(d => $"{d.Key}: {d.Message}").Should().Equal(
            "kestra-security-oidc.claim-sources: the list of claim sources is empty; name at least one of id-token, userinfo, access-token, introspection (default: [id-token])",
            "kestra-security-oidc.access-token.audiences[0]: an audience must not be empty",
            "kestra-security-oidc.introspection.cache-duration: the cache duration must not be negative (0 turns the cache off)");
    }
}
