namespace Kestra.Security.Oidc.AspNetCore.Diagnostics;

/// <summary>The stable codes of the ASP.NET Core package's answers and log lines (KSO80xx). Documented in README.</summary>
internal static class AspNetCoreCodes
{
    public const string UnknownClient = "KSO8001";
    public const string UnknownState = "KSO8002";
    public const string ProviderError = "KSO8003";
    public const string ProviderUnreachable = "KSO8004";
    public const string LoginFailed = "KSO8005";
    public const string NoClient = "KSO8006";
    public const string MissingRouteValue = "KSO8007";
    public const string Refused = "KSO8008";
}
