namespace Kestra.Security.Oidc.Diagnostics;

/// <summary>The stable codes of configuration diagnostics (KSO1xxx). Documented in README.</summary>
internal static class DiagnosticCodes
{
    public const string MalformedYaml = "KSO1001";
    public const string UnfilledTemplate = "KSO1002";
    public const string MisplacedEndpoints = "KSO1003";
    public const string UnknownKey = "KSO1004";
    public const string UnknownPermission = "KSO1005";
    public const string UnknownAction = "KSO1006";
    public const string WrongType = "KSO1007";
    public const string MissingClientId = "KSO1008";
    public const string MissingIssuer = "KSO1009";
    public const string InvalidIssuer = "KSO1010";
    public const string UnresolvedPlaceholder = "KSO1011";
    public const string DeprecatedPermission = "KSO1012";
    public const string IssuerIsDiscoveryUrl = "KSO1013";
    public const string InvalidUrl = "KSO1014";
    public const string InvalidValue = "KSO1015";
    public const string DuplicateKey = "KSO1016";
    public const string NoClients = "KSO1017";
    public const string InvalidClaimPath = "KSO1018";
    public const string FileNotReadable = "KSO1019";
    public const string PlaceholderDefaultSplit = "KSO1020";
    public const string MixedPermissionModels = "KSO1021";
    public const string EmptyBindingNamespace = "KSO1022";
}
