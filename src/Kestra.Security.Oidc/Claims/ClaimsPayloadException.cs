using Kestra.Security.Oidc.Diagnostics;

namespace Kestra.Security.Oidc.Claims;

/// <summary>
/// The claims payload given to <see cref="ClaimPath.Evaluate(ReadOnlySpan{byte}, ClaimPathEvaluationOptions?)"/> is
/// not a JSON object, is malformed or truncated, or is nested deeper than
/// <see cref="ClaimPathEvaluationOptions.MaxDepth"/>. It is the only exception evaluation throws.
/// </summary>
public sealed class ClaimsPayloadException : Exception
{
    /// <summary>The payload is not valid JSON (malformed, truncated, trailing data).</summary>
    public const string MalformedCode = ClaimPathErrorCodes.MalformedPayload;

    /// <summary>The payload is nested deeper than the configured maximum depth.</summary>
    public const string TooDeepCode = ClaimPathErrorCodes.PayloadTooDeep;

    /// <summary>The payload is valid JSON but its root is not an object.</summary>
    public const string NotAnObjectCode = ClaimPathErrorCodes.PayloadNotAnObject;

    /// <summary>Creates the exception with a code, a message and, optionally, the byte offset of the problem.</summary>
    /// <param name="code">One of <see cref="MalformedCode"/>, <see cref="TooDeepCode"/>, <see cref="NotAnObjectCode"/>.</param>
    /// <param name="message">What is wrong, without the code (it is prefixed).</param>
    /// <param name="bytePosition">The 0-based byte offset of the problem in the payload, if known.</param>
    /// <param name="innerException">The underlying JSON reader error, if any.</param>
    public ClaimsPayloadException(string code, string message, long? bytePosition = null, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
        BytePosition = bytePosition;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ClaimsPayloadException()
        : this(MalformedCode, "the claims payload is not valid JSON")
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public ClaimsPayloadException(string message)
        : this(MalformedCode, message)
    {
    }

    /// <summary>Creates the exception with a custom message and cause.</summary>
    public ClaimsPayloadException(string message, Exception innerException)
        : this(MalformedCode, message, null, innerException)
    {
    }

    /// <summary>The stable code: <see cref="MalformedCode"/>, <see cref="TooDeepCode"/> or <see cref="NotAnObjectCode"/>.</summary>
    public string Code { get; }

    /// <summary>The 0-based byte offset of the problem in the payload, when known.</summary>
    public long? BytePosition { get; }
}
