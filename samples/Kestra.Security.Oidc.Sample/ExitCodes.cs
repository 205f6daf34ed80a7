namespace Kestra.Security.Oidc.Sample;

/// <summary>The console's exit codes (SPEC §6).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int InvalidInput = 2;
    public const int Rejected = 3;
    public const int ProviderFailure = 4;

    /// <summary>At least one <c>--check PERMISSION:ACTION[@NAMESPACE]</c> is denied.</summary>
    public const int Denied = 5;
}
