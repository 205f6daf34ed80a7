using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// Plays browser and confidential client against the test provider: authorization code + PKCE (S256)
/// with <c>state</c> and <c>nonce</c>, through the provider's real login pages, and RP-initiated logout.
/// Redirects are followed by hand and stop at the client's URIs without connecting to them. One instance
/// is one browser: it keeps the provider's session cookies between calls.
/// </summary>
public sealed class AuthorizationCodeFlow : IDisposable
{
    public const string DefaultScope = "openid profile email roles";

    private const int MaxSteps = 10;

    private readonly HttpClient _http;
    private readonly Uri _issuer;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly Uri _redirectUri;
    private JsonElement? _discovery;

    public AuthorizationCodeFlow(Uri issuer, string clientId, string clientSecret, Uri redirectUri)
    {
        _issuer = issuer;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _redirectUri = redirectUri;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>How the client authenticates at the token endpoint.</summary>
    public ClientAuthentication ClientAuthentication { get; init; } = ClientAuthentication.Basic;

    /// <summary>The discovery document, fetched once.</summary>
    public async Task<JsonElement> GetDiscoveryDocumentAsync(CancellationToken cancellationToken = default)
    {
        if (_discovery is { } cached)
        {
            return cached;
        }

        var uri = new Uri($"{_issuer.AbsoluteUri.TrimEnd('/')}/.well-known/openid-configuration");
        using var response = await _http.GetAsync(uri, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new OidcProviderException($"GET {uri} answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        _discovery = document.RootElement.Clone();
        return _discovery.Value;
    }

    /// <summary>Logs <paramref name="username"/> in and redeems the code: the whole login a Kestra host sees.</summary>
    public async Task<TokenSet> LoginAsync(
        string username, string password, string scope = DefaultScope, CancellationToken cancellationToken = default)
    {
        var authorization = await AuthorizeAsync(username, password, scope, cancellationToken);
        return await RedeemCodeAsync(authorization, cancellationToken);
    }

    /// <summary>
    /// Sends the browser to the authorization endpoint, fills in the login form (only if the provider shows
    /// it), confirms consent if asked, and returns what reached the redirect URI.
    /// </summary>
    public async Task<AuthorizationResponse> AuthorizeAsync(
        string username, string password, string scope = DefaultScope, CancellationToken cancellationToken = default)
    {
        var state = RandomToken();
        var nonce = RandomToken();
        var codeVerifier = RandomToken();
        var codeChallenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));

        var authorizationEndpoint = await EndpointAsync("authorization_endpoint", cancellationToken);
        var query = Query(
            ("response_type", "code"),
            ("client_id", _clientId),
            ("redirect_uri", _redirectUri.AbsoluteUri),
            ("scope", scope),
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", codeChallenge),
            ("code_challenge_method", "S256"));

        var credentials = new Dictionary<string, string> { ["login"] = username, ["password"] = password };
        var prompted = false;
        var response = await _http.GetAsync(new Uri($"{authorizationEndpoint}?{query}"), cancellationToken);
        try
        {
            for (var step = 0; step < MaxSteps; step++)
            {
                if (IsRedirect(response))
                {
                    var location = LocationOf(response);
                    if (IsUnder(location, _redirectUri))
                    {
                        return ParseCallback(location, state, nonce, codeVerifier, prompted);
                    }

                    EnsureOnProvider(location, "authorization");
                    response.Dispose();
                    response = await _http.GetAsync(location, cancellationToken);
                    continue;
                }

                var (page, form) = await ReadFormAsync(response, "authorization", cancellationToken);
                if (form.HasPasswordField)
                {
                    if (prompted)
                    {
                        throw new OidcProviderException(
                            $"The provider rejected the credentials of '{username}': {HtmlForm.ErrorText(page) ?? "the login form came back."}");
                    }

                    prompted = true;
                    response.Dispose();
                    response = await PostAsync(form, credentials, cancellationToken);
                }
                else
                {
                    response.Dispose();
                    response = await PostAsync(form, values: null, cancellationToken); // consent
                }
            }
        }
        finally
        {
            response.Dispose();
        }

        throw new OidcProviderException($"The authorization did not reach {_redirectUri} within {MaxSteps} steps.");
    }

    /// <summary>Redeems the code at the token endpoint with the client secret and the PKCE verifier.</summary>
    public async Task<TokenSet> RedeemCodeAsync(AuthorizationResponse authorization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var tokenEndpoint = await EndpointAsync("token_endpoint", cancellationToken);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", authorization.Code),
            new("redirect_uri", _redirectUri.AbsoluteUri),
            new("code_verifier", authorization.CodeVerifier),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        if (ClientAuthentication == ClientAuthentication.Basic)
        {
            // RFC 6749 §2.3.1: form-urlencode each part before base64.
            var pair = $"{Uri.EscapeDataString(_clientId)}:{Uri.EscapeDataString(_clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            form.Add(new("client_id", _clientId));
            form.Add(new("client_secret", _clientSecret));
        }

        request.Content = new FormUrlEncodedContent(form);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new OidcProviderException($"The token endpoint answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        var json = document.RootElement;
        return new TokenSet(
            IdToken: json.GetProperty("id_token").GetString()!,
            AccessToken: json.GetProperty("access_token").GetString()!,
            RefreshToken: json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            TokenType: json.GetProperty("token_type").GetString()!,
            ExpiresIn: json.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetInt32() : 0,
            Scope: json.TryGetProperty("scope", out var granted) ? granted.GetString() : null,
            Nonce: authorization.Nonce);
    }

    /// <summary>
    /// RP-initiated logout as Kestra does it against Keycloak 18+: GET the end-session endpoint with
    /// <c>id_token_hint</c>, <c>post_logout_redirect_uri</c> and <c>client_id</c>, confirm if asked, and
    /// return where the provider finally sends the browser (not followed).
    /// </summary>
    public async Task<Uri> LogoutAsync(
        string? idTokenHint, Uri postLogoutRedirectUri, string? state = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postLogoutRedirectUri);
        var endSessionEndpoint = await EndpointAsync("end_session_endpoint", cancellationToken);
        var parameters = new List<(string, string)>
        {
            ("post_logout_redirect_uri", postLogoutRedirectUri.AbsoluteUri),
            ("client_id", _clientId),
        };
        if (idTokenHint is not null)
        {
            parameters.Add(("id_token_hint", idTokenHint));
        }

        if (state is not null)
        {
            parameters.Add(("state", state));
        }

        return await FollowEndSessionAsync(new Uri($"{endSessionEndpoint}?{Query([.. parameters])}"), cancellationToken);
    }

    /// <summary>
    /// Opens an end-session URL built elsewhere (e.g. by the library) in this browser, confirms the provider's logout form,
    /// and returns the first URL off the provider (the post-logout landing) or the provider's own "logged out" page.
    /// </summary>
    public async Task<Uri> FollowEndSessionAsync(Uri endSessionUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endSessionUrl);
        var response = await _http.GetAsync(endSessionUrl, cancellationToken);
        try
        {
            for (var step = 0; step < MaxSteps; step++)
            {
                if (IsRedirect(response))
                {
                    var location = LocationOf(response);
                    if (!IsOnProvider(location))
                    {
                        return location;
                    }

                    response.Dispose();
                    response = await _http.GetAsync(location, cancellationToken);
                    continue;
                }

                var page = await response.Content.ReadAsStringAsync(cancellationToken);
                var form = HtmlForm.ParseAll(page, response.RequestMessage!.RequestUri!).FirstOrDefault();
                if (form is null)
                {
                    return response.RequestMessage.RequestUri!; // the provider's own "logged out" page
                }

                response.Dispose();
                response = await PostAsync(form, values: null, cancellationToken);
            }
        }
        finally
        {
            response.Dispose();
        }

        throw new OidcProviderException($"The logout did not leave the provider within {MaxSteps} steps.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<Uri> EndpointAsync(string name, CancellationToken cancellationToken)
    {
        var discovery = await GetDiscoveryDocumentAsync(cancellationToken);
        return discovery.TryGetProperty(name, out var value) && value.GetString() is { } uri
            ? new Uri(uri)
            : throw new OidcProviderException($"The discovery document has no '{name}'.");
    }

    private async Task<HttpResponseMessage> PostAsync(
        HtmlForm form, IReadOnlyDictionary<string, string>? values, CancellationToken cancellationToken)
    {
        if (form.Method != "POST")
        {
            throw new OidcProviderException($"Expected a POST form, got {form.Method} {form.Action}.");
        }

        using var content = form.Submit(values);
        return await _http.PostAsync(form.Action, content, cancellationToken);
    }

    private static async Task<(string Page, HtmlForm Form)> ReadFormAsync(
        HttpResponseMessage response, string flow, CancellationToken cancellationToken)
    {
        var page = await response.Content.ReadAsStringAsync(cancellationToken);
        var uri = response.RequestMessage!.RequestUri!;
        if (response.StatusCode == HttpStatusCode.OK && HtmlForm.ParseAll(page, uri).FirstOrDefault() is { } form)
        {
            return (page, form);
        }

        throw new OidcProviderException(
            $"During {flow}, {uri} answered {(int)response.StatusCode} without a form: {HtmlForm.VisibleText(page)}");
    }

    private AuthorizationResponse ParseCallback(Uri location, string state, string nonce, string codeVerifier, bool prompted)
    {
        var parameters = ParseQuery(location.Query);
        if (parameters.TryGetValue("error", out var error))
        {
            throw new OidcProviderException(
                $"The provider redirected with error '{error}': {parameters.GetValueOrDefault("error_description")}");
        }

        if (parameters.GetValueOrDefault("state") != state)
        {
            throw new OidcProviderException($"The callback's state '{parameters.GetValueOrDefault("state")}' is not the one sent.");
        }

        var code = parameters.GetValueOrDefault("code")
            ?? throw new OidcProviderException($"The callback {location} has no code.");
        return new AuthorizationResponse(code, state, parameters.GetValueOrDefault("iss"), nonce, codeVerifier, location, prompted);
    }

    private void EnsureOnProvider(Uri location, string flow)
    {
        if (!IsOnProvider(location))
        {
            throw new OidcProviderException($"During {flow}, the provider redirected to {location}, which is neither itself nor {_redirectUri}.");
        }
    }

    private bool IsOnProvider(Uri uri) => Uri.Compare(uri, _issuer, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsUnder(Uri uri, Uri target) =>
        Uri.Compare(uri, target, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.Ordinal) == 0;

    private static bool IsRedirect(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;

    private static Uri LocationOf(HttpResponseMessage response) =>
        new(response.RequestMessage!.RequestUri!, response.Headers.Location!);

    private static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? pair : pair[..separator];
            var value = separator < 0 ? string.Empty : pair[(separator + 1)..];
            result.TryAdd(Decode(name), Decode(value));
        }

        return result;

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}
