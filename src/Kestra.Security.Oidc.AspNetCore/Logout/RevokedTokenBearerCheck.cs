using Kestra.Security.Oidc.AspNetCore.State;
using Kestra.Security.Oidc.State;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>
/// Every JwtBearer scheme: a token whose <c>sid</c> (or <c>sub</c>) was revoked fails authentication (401,
/// <c>error="invalid_token"</c>), after the scheme's own <c>OnTokenValidated</c> ran.
/// </summary>
internal sealed class RevokedTokenBearerCheck(ISessionRevocationStore store, ILogger<RevokedTokenBearerCheck> logger)
    : IPostConfigureOptions<JwtBearerOptions>
{
    public void PostConfigure(string? name, JwtBearerOptions options)
    {
        options.Events ??= new JwtBearerEvents();
        var inner = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await inner(context).ConfigureAwait(false);
            if (context.Result is null && RevocationGate.Refusal(store, context.Principal) is { } refusal)
            {
                SharedStateLog.SessionRefused(logger, context.Scheme.Name, refusal);
                context.Fail(refusal);
            }
        };
    }
}
