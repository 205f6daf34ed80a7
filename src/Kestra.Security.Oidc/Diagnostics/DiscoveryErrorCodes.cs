namespace Kestra.Security.Oidc.Discovery;

/// <summary>The stable codes of <see cref="DiscoveryException"/> (KSO50xx). Each message also says how to fix the problem.</summary>
public static class DiscoveryErrorCodes
{
    /// <summary>An <c>http://</c> URL on a host other than loopback, without the explicit opt-in. Raised before any network use.</summary>
    public const string InsecureHttp = "KSO5001";

    /// <summary>The provider could not be reached (DNS, connection refused, TLS).</summary>
    public const string Unreachable = "KSO5002";

    /// <summary>The discovery document's <c>issuer</c> is not the configured issuer.</summary>
    public const string IssuerMismatch = "KSO5003";

    /// <summary>The provider did not answer within the timeout.</summary>
    public const string Timeout = "KSO5004";

    /// <summary>The provider answered with an error status other than 404.</summary>
    public const string HttpError = "KSO5005";

    /// <summary>The provider answered 404: usually a wrong realm or a missing or extra <c>/auth</c>.</summary>
    public const string NotFound = "KSO5006";

    /// <summary>The provider answered with a redirect; redirects are never followed.</summary>
    public const string Redirect = "KSO5007";

    /// <summary>The response is larger than <c>max-response-bytes</c>.</summary>
    public const string TooLarge = "KSO5008";

    /// <summary>The response is not JSON (for example an HTML login or error page).</summary>
    public const string NotJson = "KSO5009";

    /// <summary>The response is JSON but not a valid discovery document or JWKS.</summary>
    public const string MalformedDocument = "KSO5010";

    /// <summary>The JWKS holds no key usable to verify ID tokens.</summary>
    public const string NoSigningKeys = "KSO5011";

    /// <summary>No enabled client of that name is configured.</summary>
    public const string UnknownClient = "KSO5012";

    /// <summary>A configured URL (issuer, back-channel base URL, endpoint override) is unusable.</summary>
    public const string InvalidConfiguration = "KSO5013";

    /// <summary>
    /// The discovery document gives an endpoint (<c>jwks_uri</c>, <c>authorization_endpoint</c>, <c>end_session_endpoint</c>, …) that is
    /// not <c>https://</c> (or <c>http://</c> on loopback): <c>file:</c>, <c>javascript:</c>, a relative path. Retried with back-off.
    /// </summary>
    public const string UnsafeEndpoint = "KSO5014";
}
