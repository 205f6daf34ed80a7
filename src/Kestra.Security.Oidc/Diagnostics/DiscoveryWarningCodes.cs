namespace Kestra.Security.Oidc.Diagnostics;

/// <summary>The stable codes of discovery warnings (<c>IssuerMetadata.Warnings</c>, logged when metadata is fetched).</summary>
internal static class DiscoveryWarningCodes
{
    /// <summary>The document's issuer and the configured one differ by a trailing slash only; accepted.</summary>
    public const string IssuerTrailingSlash = "KSO5051";

    /// <summary>The configured issuer ends with the discovery path, which is stripped.</summary>
    public const string IssuerIsDiscoveryUrl = "KSO5052";
}
