namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// The stable codes of the claim sources (KSO53xx): introspection, userinfo and the choice of client. Written out one by one,
/// never computed, so adding a code renumbers nothing. Each message also says how to fix the problem.
/// </summary>
public static class ClaimSourceErrorCodes
{
    /// <summary>The introspection or userinfo endpoint could not be reached (DNS, connection refused, TLS, connection reset).</summary>
    public const string Unreachable = "KSO5301";

    /// <summary>The endpoint did not answer within <c>kestra-security-oidc.discovery.timeout</c>.</summary>
    public const string Timeout = "KSO5302";

    /// <summary>The introspection endpoint refused the client's credentials (401/403): the client secret is wrong or missing.</summary>
    public const string ClientUnauthorized = "KSO5303";

    /// <summary>The endpoint answered with an error status (500, 404, …).</summary>
    public const string HttpError = "KSO5304";

    /// <summary>The answer is larger than <c>kestra-security-oidc.discovery.max-response-bytes</c>.</summary>
    public const string TooLarge = "KSO5305";

    /// <summary>The answer is not a JSON object (an HTML error page, plain text, …).</summary>
    public const string NotJson = "KSO5306";

    /// <summary>The answer is JSON but not a valid introspection or userinfo response (no boolean <c>active</c>, no <c>sub</c>, …).</summary>
    public const string Malformed = "KSO5307";

    /// <summary>The userinfo endpoint answered with a signed JWT (<c>application/jwt</c>), which is not supported.</summary>
    public const string SignedUserInfoNotSupported = "KSO5308";

    /// <summary>The endpoint answered with a redirect; redirects are never followed.</summary>
    public const string Redirect = "KSO5309";

    /// <summary>Introspection says the token is not active (<c>active: false</c>): expired, revoked, or never issued by this provider.</summary>
    public const string Inactive = "KSO5311";

    /// <summary>The introspection response's <c>iss</c> is not the client's issuer.</summary>
    public const string IntrospectionIssuer = "KSO5312";

    /// <summary>The userinfo or introspection response, or the access token beside an ID token, is for another <c>sub</c> than the token's (OIDC Core §5.3.2).</summary>
    public const string SubjectMismatch = "KSO5313";

    /// <summary>The userinfo endpoint refused the access token (401/403).</summary>
    public const string UserInfoRefused = "KSO5314";

    /// <summary>The token is opaque (not a JWT) and introspection cannot be used for it.</summary>
    public const string OpaqueTokenWithoutIntrospection = "KSO5315";

    /// <summary>No client was named and no enabled client has the token's issuer.</summary>
    public const string NoClientForIssuer = "KSO5321";

    /// <summary>No client was named and several clients fit the token equally well.</summary>
    public const string AmbiguousClient = "KSO5322";

    /// <summary>Warning: a claim source was skipped (no access token given, no endpoint in discovery, no client secret).</summary>
    public const string SourceSkipped = "KSO5331";
}
