using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.WebSample.Oidc;
using Kestra.Security.Oidc.WebSample.Pages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.WebSample.Routes;

/// <summary>
/// <c>GET /oauth/login/{provider}</c>: redirects to the provider's authorization endpoint with the authorization-code
/// flow, PKCE (S256), <c>state</c> and <c>nonce</c>, remembered in a protected cookie until the callback.
/// </summary>
internal static class LoginEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        string? provider,
        IOptionsMonitor<KestraOidcOptions> options,
        IssuerMetadataProvider metadataProvider,
        KestraEndpoints endpoints,
        AuthorizationStateStore states)
    {
        var current = options.CurrentValue;
        if (ClientSelection.Find(current, provider) is not { } clientName)
        {
            return Html.Error(StatusCodes.Status404NotFound, "Unknown provider", $"No enabled client '{provider}' under micronaut.security.oauth2.clients.");
        }

        IssuerMetadata metadata;
        try
        {
            metadata = await metadataProvider.GetAsync(clientName, http.RequestAborted);
        }
        catch (DiscoveryException ex)
        {
            return Html.Error(StatusCodes.Status502BadGateway, "The identity provider is unreachable", ex.Message);
        }

        if (metadata.AuthorizationEndpoint is not { } authorizationEndpoint)
        {
            return Html.Error(StatusCodes.Status502BadGateway, "No authorization endpoint", $"The provider '{metadata.Issuer}' offers no authorization endpoint.");
        }

        var client = current.Clients[clientName];
        var state = AuthorizationState.Create(clientName, LocalReturnUrl(http.Request.Query["returnUrl"]));
        states.Save(http, state);

        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = client.ClientId,
            ["redirect_uri"] = endpoints.RedirectUri(clientName).AbsoluteUri,
            ["scope"] = string.Join(' ', client.Scopes),
            ["state"] = state.State,
            ["nonce"] = state.Nonce,
            ["code_challenge"] = state.CodeChallenge,
            ["code_challenge_method"] = "S256",
        };

        // A sample extra, not a Kestra key: ?response_mode=form_post asks the provider to POST the callback.
        if (http.Request.Query["response_mode"] == "form_post")
        {
            query["response_mode"] = "form_post";
        }

        return Results.Redirect(QueryHelpers.AddQueryString(authorizationEndpoint.AbsoluteUri, query));
    }

    /// <summary>
    /// Only a local path (<c>/me</c>) may be a return URL; anything else goes home. Control characters and spaces are refused
    /// too: browsers drop tabs and newlines, which would turn <c>/\t/evil.example</c> into <c>//evil.example</c>.
    /// </summary>
    private static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is ['/', not '/' and not '\\', ..] or "/" && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? returnUrl : "/";
}
