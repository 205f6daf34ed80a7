using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Routes;

/// <summary>Kestra's SSO routes, read from the options at start (a change of <c>login-uri</c>, <c>callback-uri</c>, <c>logout-uri</c> or the logout path takes a restart).</summary>
internal sealed class KestraRouteTable(IOptionsMonitor<KestraOidcOptions> options)
{
    public KestraRoute Login { get; } = KestraRoute.Parse(options.CurrentValue.LoginUri);

    public KestraRoute Callback { get; } = KestraRoute.Parse(options.CurrentValue.CallbackUri);

    public KestraRoute OpenIdLogout { get; } = KestraRoute.Parse(options.CurrentValue.OpenIdLogoutUri);

    public KestraRoute Logout { get; } = KestraRoute.Parse(options.CurrentValue.Logout.Path);
}
