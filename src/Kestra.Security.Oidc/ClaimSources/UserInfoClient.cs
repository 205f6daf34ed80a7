using System.Net.Http.Headers;
using System.Text;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// The userinfo endpoint (SPEC §7): GET with the access token as bearer; a JSON answer only (a signed userinfo JWT is not
/// supported); its <c>sub</c> must equal the token's <c>sub</c> (OIDC Core §5.3.2).
/// </summary>
internal sealed class UserInfoClient(IssuerMetadataProvider metadata, KestraOidcOptions options)
{
    private const string What = "userinfo endpoint";
    private readonly BackChannelCall _call = new(metadata.CreateHttpClient, options.Extensions.Discovery, metadata.Time);

    /// <param name="accessToken">The access token sent as bearer.</param>
    /// <param name="clientName">The client whose provider is asked.</param>
    /// <param name="expectedSubject">The validated token's <c>sub</c>; the answer must carry the same.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async ValueTask<SourceDocument> GetAsync(string accessToken, string clientName, string expectedSubject, CancellationToken cancellationToken)
    {
        var issuerMetadata = await metadata.GetAsync(clientName, cancellationToken).ConfigureAwait(false);
        if (issuerMetadata.UserInfoEndpoint is not { } endpoint)
        {
            return SourceDocument.Unavailable(ClaimSourceKind.UserInfo,
                $"the discovery document of client '{clientName}' has no 'userinfo_endpoint'; set 'micronaut.security.oauth2.clients.{clientName}.openid.user-info.url'");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/json");
        var response = await _call.SendAsync(request, What, cancellationToken).ConfigureAwait(false);
        if (response.Status is 401 or 403)
        {
            return SourceDocument.Rejected(ClaimSourceKind.UserInfo, ClaimSourceErrorCodes.UserInfoRefused,
                $"the {What} at '{endpoint}' answered {response.Status}: it refused the access token (expired, revoked, or without the 'openid' scope)");
        }

        if (response.ContentType is { } type && (type.Equals("application/jwt", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+jwt", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.SignedUserInfoNotSupported,
                $"the {What} at '{endpoint}' answered {response.Status} with a signed userinfo JWT ('{type}'), which is not supported; have the provider answer JSON (Keycloak: Clients → {options.Clients[clientName].ClientId} → Advanced → 'User info signed response algorithm': unsigned)",
                endpoint, response.Status, type, response.Body.Length);
        }

        using var document = ResponseJson.ParseObject(response, What);
        var root = document.RootElement;
        var subject = ResponseJson.String(root, "sub");
        if (string.IsNullOrEmpty(subject))
        {
            throw new ClaimSourceException(ClaimSourceErrorCodes.Malformed,
                $"the {What} at '{endpoint}' answered {response.Status} with JSON that has no 'sub' ({response.Describe()}); OIDC Core §5.3.2 requires it, check the URL",
                endpoint, response.Status, response.ContentType, response.Body.Length);
        }

        if (!string.Equals(subject, expectedSubject, StringComparison.Ordinal))
        {
            return SourceDocument.Rejected(ClaimSourceKind.UserInfo, ClaimSourceErrorCodes.SubjectMismatch,
                $"the {What} at '{endpoint}' answered for the subject '{subject}', not the token's '{expectedSubject}'; the access token belongs to another user (OIDC Core §5.3.2)");
        }

        return SourceDocument.Found(ClaimSourceKind.UserInfo, Encoding.UTF8.GetBytes(root.GetRawText()), subject);
    }
}
