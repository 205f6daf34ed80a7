using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Endpoints;
using Kestra.Security.Oidc.WebSample.Oidc;
using Kestra.Security.Oidc.WebSample.Pages;
using Kestra.Security.Oidc.WebSample.Session;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Kestra.Security.Oidc.WebSample.Routes;

/// <summary>
/// <c>GET|POST /oauth/callback/{provider}</c>: checks <c>state</c> (and <c>iss</c>, RFC 9207), exchanges the code at the token
/// endpoint, validates the ID token and resolves the user's Kestra permissions with <see cref="IKestraOidcAuthenticator"/>,
/// then starts the cookie session.
/// </summary>
internal static class CallbackEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http,
        string? provider,
        IOptionsMonitor<KestraOidcOptions> options,
        IssuerMetadataProvider metadataProvider,
        KestraEndpoints endpoints,
        AuthorizationStateStore states,
        TokenClient tokens,
        IKestraOidcAuthenticator authenticator,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Kestra.Security.Oidc.WebSample.Callback");
        var parameters = await ReadParametersAsync(http.Request);
        var saved = parameters.TryGetValue("state", out var stateValue) && stateValue.ToString() is { Length: > 0 } state
            ? states.Take(http, state)
            : null;
        if (saved is null)
        {
            return Html.Error(StatusCodes.Status400BadRequest, "Login failed", "Unknown or expired state: start again from the login page.");
        }

        var clientName = ClientSelection.Find(options.CurrentValue, provider ?? saved.Client);
        if (clientName != saved.Client || !options.CurrentValue.Clients.TryGetValue(clientName, out var client))
        {
            return Html.Error(StatusCodes.Status400BadRequest, "Login failed", $"This login was started for provider '{saved.Client}', not '{provider}'.");
        }

        if (parameters.TryGetValue("error", out var error))
        {
            return Html.Error(StatusCodes.Status401Unauthorized, "Login failed", $"The provider answered '{error}': {parameters.GetValueOrDefault("error_description")}");
        }

        if (!parameters.TryGetValue("code", out var code) || StringValues.IsNullOrEmpty(code))
        {
            return Html.Error(StatusCodes.Status400BadRequest, "Login failed", "The callback has no authorization code.");
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

        if (parameters.TryGetValue("iss", out var iss) && iss != metadata.Issuer)
        {
            return Html.Error(StatusCodes.Status400BadRequest, "Login failed", $"The response comes from issuer '{iss}', not '{metadata.Issuer}'.");
        }

        var exchange = await tokens.ExchangeAsync(metadata, client, code.ToString(), endpoints.RedirectUri(clientName), saved.CodeVerifier, http.RequestAborted);
        if (exchange.IdToken is not { } idToken)
        {
            return Html.Error(StatusCodes.Status401Unauthorized, "Login failed", $"The token endpoint answered '{exchange.Error}': {exchange.ErrorDescription}");
        }

        KestraAuthenticationResult result;
        try
        {
            result = await authenticator.AuthenticateAsync(idToken, clientName, new KestraAuthenticationContext { Nonce = saved.Nonce }, http.RequestAborted);
        }
        catch (DiscoveryException ex)
        {
            return Html.Error(StatusCodes.Status502BadGateway, "The identity provider is unreachable", ex.Message);
        }

        if (!result.Succeeded || result.Resolution is not { } resolution)
        {
            CallbackLog.Rejected(logger, clientName, result.Code, result.Message);
            return Html.Error(StatusCodes.Status401Unauthorized, "Login failed", result.Message);
        }

        await KestraSession.SignInAsync(http, clientName, idToken, resolution);
        CallbackLog.SignedIn(logger, resolution.PreferredUsername ?? resolution.Subject, clientName, http.Request.Method, resolution.SourceName);
        return Results.Redirect(saved.ReturnUrl);
    }

    private static async Task<Dictionary<string, StringValues>> ReadParametersAsync(HttpRequest request)
    {
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }

        return request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
