using System.Security.Claims;
using Kestra.Security.Oidc.AspNetCore.Authentication;
using Kestra.Security.Oidc.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Kestra.Security.Oidc.AspNetCore.Claims;

/// <summary>
/// Resolves a principal authenticated by the package's handlers once: adds one identity with <c>kestra_group</c> and
/// <c>kestra_role</c> claims and the <see cref="RoleResolution"/>. ASP.NET Core calls a transformation on every
/// <c>AuthenticateAsync</c>; a principal that already carries the identity is returned unchanged, so claims are never added twice.
/// </summary>
internal sealed class KestraClaimsTransformation(IServiceProvider services) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        KestraTokenIdentity? token = null;
        var stale = false;
        foreach (var identity in principal.Identities)
        {
            switch (identity)
            {
                case KestraResolvedIdentity:
                    return Task.FromResult(principal);
                case KestraTokenIdentity t:
                    token ??= t;
                    break;
                default:
                    stale |= identity.AuthenticationType == KestraResolvedIdentity.Type;
                    break;
            }
        }

        if (token is null)
        {
            return Task.FromResult(principal);
        }

        // The resolver of the current configuration (a reloaded YAML file applies to the next request).
        var resolution = token.Resolution ?? services.GetRequiredService<KestraRoleResolver>().Resolve(token.PayloadUtf8.Span, token.Client);
        var target = principal;
        if (stale)
        {
            // A serialized copy of an earlier resolution (a principal signed in after transformation): replaced, never doubled.
            target = new ClaimsPrincipal(principal.Identities.Where(i => i.AuthenticationType != KestraResolvedIdentity.Type));
        }

        target.AddIdentity(KestraResolvedIdentity.From(resolution));
        return Task.FromResult(target);
    }
}
