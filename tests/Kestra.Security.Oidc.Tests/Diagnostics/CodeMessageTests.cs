using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Diagnostics;

/// <summary>The exact text of codes that no other test pins: what an operator reads must not drift unnoticed.</summary>
public sealed class CodeMessageTests
{
    private static KestraConfigurationResult Load(string yaml) =>
        KestraYamlConfiguration.Parse(yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

    private static IEnumerable<string> Lines(KestraConfigurationResult result) => result.Diagnostics.Select(d => d.ToString());

    [Test]
    public void KSO1017_SSO_enabled_without_clients_points_at_the_nested_enabled_key()
    {
        var result = Load("""
            micronaut:
              security:
                oauth2:
                  enabled: true
            """);

        Lines(result).Should().Equal(
            "application.yml:4:16: micronaut.security.oauth2.clients: warning KSO1017: SSO is enabled but no client is configured under 'micronaut.security.oauth2.clients'");
    }

    [Test]
    public void KSO1017_is_raised_for_the_dotted_form_too()
    {
        var result = Load("micronaut.security.oauth2.enabled: true");

        Lines(result).Should().Equal(
            "application.yml:1:36: micronaut.security.oauth2.clients: warning KSO1017: SSO is enabled but no client is configured under 'micronaut.security.oauth2.clients'");
    }

    [Test]
    public void KSO1017_is_not_raised_when_SSO_is_disabled()
    {
        Load("micronaut.security.oauth2.enabled: false").Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void KSO1018_an_invalid_groups_claim_path_is_an_error_at_the_path()
    {
        var result = Load("""
            kestra:
              security:
                oidc:
                  groups-claim-path: "resource_access[kestra"
            """);

        Lines(result).Should().Equal(
            "application.yml:4:26: kestra.security.oidc.groups-claim-path: error KSO1018: 'resource_access[kestra' is not a valid claim path: expected an index, '*' or a quoted name at column 17 of the path");
    }

    [Test]
    public void KSO1019_an_unreadable_file_names_the_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kestra-oidc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "application.yml");

            var result = KestraYamlConfiguration.LoadFile(path);

            Lines(result).Should().Equal($"{path}: (document): error KSO1019: cannot read the file: Could not find file '{path}'.");
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Test]
    public void KSO1021_a_role_mixing_the_two_vocabularies_is_a_warning()
    {
        var result = Load("""
            kestra:
              security:
                defaultRole:
                  name: Editor
                  permissions:
                    FLOW: [READ, VIEW]
            """);

        Lines(result).Should().Equal(
            "application.yml:5:7: kestra.security.default-role.permissions: warning KSO1021: this role mixes Kestra 1.x actions (READ) or permissions with 2.0 ones (VIEW, LIST, …); use one vocabulary per role");
    }

    [Test]
    public async Task KSO5013_an_unusable_back_channel_URL_is_refused_before_any_request()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Extensions.Discovery.BackChannelBaseUrls[DiscoveryTestbed.Client] = "keycloak:8080";

        var act = () => bed.GetAsync().AsTask();

        var thrown = await act.Should().ThrowAsync<DiscoveryException>();
        thrown.Which.Code.Should().Be(DiscoveryErrorCodes.InvalidConfiguration);
        thrown.Which.Message.Should().Be(
            "KSO5013: 'kestra-security-oidc.discovery.back-channel-base-urls.keycloak' is 'keycloak:8080', not an absolute http(s) URL; set it to the provider's internal base URL, e.g. http://keycloak:8080");
        bed.Http.Requests.Should().BeEmpty();
    }

    [Test]
    public void KSO3110_an_empty_delimiter_is_refused()
    {
        var act = () => new ClaimPathEvaluationOptions { Delimiter = string.Empty };

        act.Should().Throw<ArgumentException>().Which.Message.Should().Be(
            "KSO3110: the delimiter must not be empty; use null for no splitting. (Parameter 'value')");
    }
}
