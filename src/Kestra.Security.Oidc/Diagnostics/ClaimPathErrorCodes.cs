namespace Kestra.Security.Oidc.Diagnostics;

/// <summary>
/// The stable codes of claim-path exceptions (KSO31xx). The public aliases are <c>ClaimPathSyntaxException.ErrorCode</c>
/// and the <c>ClaimsPayloadException</c> constants.
/// </summary>
internal static class ClaimPathErrorCodes
{
    /// <summary>A claim path that does not parse.</summary>
    public const string Syntax = "KSO3100";

    /// <summary>A payload that is not well-formed JSON (or not valid UTF-8).</summary>
    public const string MalformedPayload = "KSO3101";

    /// <summary>A payload nested deeper than the limit.</summary>
    public const string PayloadTooDeep = "KSO3102";

    /// <summary>A payload whose root is not a JSON object.</summary>
    public const string PayloadNotAnObject = "KSO3103";

    /// <summary>An empty <c>ClaimPathEvaluationOptions.Delimiter</c>.</summary>
    public const string EmptyDelimiter = "KSO3110";
}
