using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;

namespace Kestra.Security.Oidc.Tests.Authentication;

/// <summary><see cref="KestraOidcAuthenticator"/>: validation, then resolution.</summary>
public sealed class KestraOidcAuthenticatorTests
{
    [Test]
    public async Task Several_clients_and_no_client_name_is_an_ArgumentException_on_clientName()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Clients["other"] = new OidcClientOptions { ClientId = "other", OpenId = { Issuer = DiscoveryTestbed.Issuer } };
        var authenticator = new KestraOidcAuthenticator(bed.Options, bed.Validator, new KestraRoleResolver(bed.Options));

        var act = async () => await authenticator.AuthenticateAsync(bed.Token().Build());

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("clientName");
    }
}
