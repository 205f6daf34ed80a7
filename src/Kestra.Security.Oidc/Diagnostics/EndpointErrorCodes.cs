namespace Kestra.Security.Oidc.Diagnostics;

/// <summary>The stable codes of <c>KestraEndpoints</c> errors.</summary>
internal static class EndpointErrorCodes
{
    /// <summary><c>kestra.url</c> is missing or not an absolute http(s) URL, so no redirect URI can be built.</summary>
    public const string NoKestraUrl = "KSO5020";
}
