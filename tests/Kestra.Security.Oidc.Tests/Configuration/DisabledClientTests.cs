using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Configuration;

/// <summary><c>clients.NAME.enabled: false</c>: the client is kept in the options but neither validated nor used.</summary>
public sealed class DisabledClientTests
{
    private const string Yaml = """
        micronaut:
          security:
            oauth2:
              clients:
                keycloak:
                  enabled: false
        """;

    [Test]
    public void A_disabled_client_needs_no_client_id_or_issuer()
    {
        var result = KestraYamlConfiguration.Parse(Yaml, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

        result.Diagnostics.Should().BeEmpty();
        result.Options.Clients["keycloak"].Enabled.Should().BeFalse();
    }

    [Test]
    public async Task A_disabled_client_is_never_discovered()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Clients[DiscoveryTestbed.Client].Enabled = false;

        var act = () => bed.GetAsync().AsTask();

        (await act.Should().ThrowAsync<DiscoveryException>()).Which.Message.Should().Be(
            "KSO5012: there is no enabled client 'keycloak' under 'micronaut.security.oauth2.clients' (known: none)");
        bed.Http.Requests.Should().BeEmpty();
    }
}
