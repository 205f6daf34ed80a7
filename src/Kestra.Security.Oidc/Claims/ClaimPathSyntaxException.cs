using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// A claim path (SPEC §3) could not be parsed. <see cref="Column"/> says where, <see cref="Expected"/> says what
/// the parser wanted to see there.
/// </summary>
public sealed class ClaimPathSyntaxException : FormatException
{
    /// <summary>The stable diagnostic code of every claim-path syntax error.</summary>
    public const string ErrorCode = ClaimPathErrorCodes.Syntax;

    /// <summary>Creates the exception for <paramref name="path"/>, failing at <paramref name="column"/>.</summary>
    /// <param name="path">The path text that failed to parse.</param>
    /// <param name="column">The 1-based column (UTF-16 code unit) where parsing failed.</param>
    /// <param name="expected">What the parser expected at that column, e.g. <c>a segment name</c>.</param>
    public ClaimPathSyntaxException(string path, int column, string expected)
        : base($"{ErrorCode}: invalid claim path '{path}' at column {column}: expected {expected}.")
    {
        Path = path;
        Column = column;
        Expected = expected;
    }

    /// <summary>Creates the exception with a message only (for serializers and tests).</summary>
    public ClaimPathSyntaxException()
        : this(string.Empty, 1, "a claim path")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public ClaimPathSyntaxException(string message)
        : base(message)
    {
        Path = string.Empty;
        Column = 1;
        Expected = "a claim path";
    }

    /// <summary>Creates the exception with a custom message and cause.</summary>
    public ClaimPathSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Column = 1;
        Expected = "a claim path";
    }

    /// <summary>Always <see cref="ErrorCode"/>.</summary>
    public string Code { get; } = ErrorCode;

    /// <summary>The path text that failed to parse.</summary>
    public string Path { get; }

    /// <summary>The 1-based column (UTF-16 code unit) where parsing failed; one past the end for a path that ends too early.</summary>
    public int Column { get; }

    /// <summary>What the parser expected at <see cref="Column"/>, e.g. <c>a segment name</c> or <c>']'</c>.</summary>
    public string Expected { get; }
}
