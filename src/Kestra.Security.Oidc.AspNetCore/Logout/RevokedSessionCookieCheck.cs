using Kestra.Security.Oidc.AspNetCore.State;
using Kestra.Security.Oidc.State;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>
/// Every cookie scheme: a session whose <c>sid</c> (or <c>sub</c>) was revoked is rejected and its cookie removed, after
/// the scheme's own <c>OnValidatePrincipal</c> ran. Principals from other issuers never match a revocation.
/// </summary>
internal sealed class RevokedSessionCookieCheck(ISessionRevocationStore store, ILogger<RevokedSessionCookieCheck> logger)
    : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        var inner = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await inner(context).ConfigureAwait(false);
            if (RevocationGate.Refusal(store, context.Principal, context.Properties.IssuedUtc) is { } refusal)
            {
                SharedStateLog.SessionRefused(logger, context.Scheme.Name, refusal);
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
            }
        };
    }
}
