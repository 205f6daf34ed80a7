using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.WebSample.Hosting;

namespace Kestra.Security.Oidc.WebSample.Oidc;

/// <summary>
/// The authorization-code exchange at the token endpoint, as a confidential client: <c>client_secret_basic</c>
/// (RFC 6749 §2.3.1, form-encoded id and secret) and the PKCE verifier. Only the ID token is kept.
/// </summary>
internal sealed class TokenClient(IHttpClientFactory httpClientFactory)
{
    public async Task<TokenExchangeResult> ExchangeAsync(
        IssuerMetadata metadata, OidcClientOptions client, string code, Uri redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        if (metadata.TokenEndpoint is not { } endpoint)
        {
            return TokenExchangeResult.Fail("no_token_endpoint", $"the provider '{metadata.Issuer}' offers no token endpoint");
        }

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["code_verifier"] = codeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (client.ClientSecret is { } secret)
        {
            var credentials = $"{Uri.EscapeDataString(client.ClientId ?? string.Empty)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = client.ClientId ?? string.Empty;
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var http = httpClientFactory.CreateClient(WebSampleServiceCollectionExtensions.TokenClientName);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!response.IsSuccessStatusCode)
            {
                return TokenExchangeResult.Fail(
                    StringOf(root, "error") ?? $"http_{(int)response.StatusCode}",
                    StringOf(root, "error_description") ?? "the token endpoint refused the code");
            }

            return StringOf(root, "id_token") is { } idToken
                ? TokenExchangeResult.Success(idToken)
                : TokenExchangeResult.Fail("no_id_token", "the token response has no id_token: is 'openid' among the client's scopes?");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return TokenExchangeResult.Fail("token_endpoint_unreachable", $"{endpoint.GetLeftPart(UriPartial.Path)}: {ex.Message}");
        }
        catch (JsonException)
        {
            return TokenExchangeResult.Fail("invalid_token_response", $"{endpoint.GetLeftPart(UriPartial.Path)} did not answer JSON");
        }
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
