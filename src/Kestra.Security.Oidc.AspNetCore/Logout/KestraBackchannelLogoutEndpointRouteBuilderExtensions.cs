using Kestra.Security.Oidc.AspNetCore.Logout;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // ASP.NET Core's convention: endpoint mapping extensions live in Microsoft.AspNetCore.Builder.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps OpenID Connect back-channel logout (SPEC §9).</summary>
public static class KestraBackchannelLogoutEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <c>POST /oauth/backchannel-logout/{client}</c>: register <c>{kestra.url}/oauth/backchannel-logout/{client}</c>
    /// as the client's back-channel logout URL at the provider (Keycloak: Clients → your client → "Backchannel logout URL").
    /// The logout token (form field <c>logout_token</c>) is validated strictly and accepted once; its <c>sid</c> (or
    /// <c>sub</c>) is revoked on every instance, so cookie sessions and bearer tokens carrying it are refused. Anonymous
    /// (the provider calls it); answers 200, or 400 <c>{"error":"invalid_request","error_description":…}</c>, never cached.
    /// Needs <c>AddKestraOidc</c> and <c>AddKestraSharedState</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapKestraBackchannelLogout(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(BackchannelLogoutEndpoint.Pattern, BackchannelLogoutEndpoint.HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }
}
