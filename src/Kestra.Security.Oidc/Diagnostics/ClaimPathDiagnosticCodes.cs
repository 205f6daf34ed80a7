namespace Kestra.Security.Oidc.Claims;

/// <summary>The stable codes of <see cref="ClaimPathDiagnostic"/>.</summary>
public static class ClaimPathDiagnosticCodes
{
    /// <summary>A member the path names is not there (the claim, or a key inside it).</summary>
    public const string NotFound = "KSO3001";

    /// <summary>The path continues into a value of the wrong shape (e.g. a name applied to an array).</summary>
    public const string WrongShape = "KSO3002";

    /// <summary>An array index is outside the array.</summary>
    public const string IndexOutOfRange = "KSO3003";

    /// <summary>A leaf, or an item of a leaf array, is not a string (number, boolean, null, object, array) and was skipped.</summary>
    public const string NotAString = "KSO3004";

    /// <summary>An empty string was skipped.</summary>
    public const string EmptyString = "KSO3005";

    /// <summary>A string that should hold JSON could not be parsed (or was nested too deep).</summary>
    public const string InvalidEmbeddedJson = "KSO3006";

    /// <summary>An object holds the same key twice; the first one was used.</summary>
    public const string DuplicateKey = "KSO3007";

    /// <summary>More diagnostics were produced than are kept; the rest were dropped.</summary>
    public const string Truncated = "KSO3008";
}
