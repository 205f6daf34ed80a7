namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// The provider's metadata or keys could not be obtained or were refused. <see cref="Code"/> is one of
/// <see cref="DiscoveryErrorCodes"/>; the message says what happened and how to fix it. Never carries a secret or a token.
/// </summary>
public sealed class DiscoveryException : Exception
{
    /// <summary>Creates the exception with a code, a message and what the provider answered.</summary>
    public DiscoveryException(string code, string message, Uri? url = null, int? statusCode = null, string? contentType = null, long? contentLength = null, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
        Url = url;
        StatusCode = statusCode;
        ContentType = contentType;
        ContentLength = contentLength;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DiscoveryException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DiscoveryException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    /// <summary>Creates an exception without details.</summary>
    public DiscoveryException()
        : this("the OpenID provider's metadata could not be obtained")
    {
    }

    /// <summary>The stable code, one of <see cref="DiscoveryErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The URL that was requested, when a request was made.</summary>
    public Uri? Url { get; }

    /// <summary>The HTTP status the provider answered with, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The response's content type, when it answered.</summary>
    public string? ContentType { get; }

    /// <summary>The response's size in bytes when known (declared or read).</summary>
    public long? ContentLength { get; }

    /// <summary>Whether the problem is in the configuration rather than in the provider's answer (no request was made).</summary>
    public bool IsConfigurationProblem => Code is DiscoveryErrorCodes.InsecureHttp or DiscoveryErrorCodes.UnknownClient or DiscoveryErrorCodes.InvalidConfiguration;
}
