namespace Kestra.Security.Oidc.AspNetCore.Diagnostics;

/// <summary>The stable codes of the shared state's log lines (KSO85xx). Documented in README.</summary>
internal static class SharedStateCodes
{
    public const string RedisLost = "KSO8502";
    public const string ResyncFailed = "KSO8505";
    public const string RevocationNotShared = "KSO8506";
    public const string ReplayCheckLocal = "KSO8507";
    public const string UnreadableRevocation = "KSO8508";
    public const string SessionRevoked = "KSO8510";
    public const string RevocationUnavailable = "KSO8511";
    public const string LogoutUnknownClient = "KSO8520";
    public const string LogoutMalformedRequest = "KSO8521";
}
