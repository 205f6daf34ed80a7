namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// The introspection or userinfo endpoint could not be used: unreachable, too slow, refusing the client, or answering
/// something that is not a usable response. An identity-provider failure, never a grant and never the token's fault.
/// <see cref="Code"/> is one of <see cref="ClaimSourceErrorCodes"/>; the message names the URL reached and what came back,
/// never a token or a secret.
/// </summary>
public sealed class ClaimSourceException : Exception
{
    /// <summary>Creates the exception with a code, a message and what the endpoint answered.</summary>
    public ClaimSourceException(string code, string message, Uri? url = null, int? statusCode = null, string? contentType = null, long? contentLength = null, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
        Url = url;
        StatusCode = statusCode;
        ContentType = contentType;
        ContentLength = contentLength;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ClaimSourceException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ClaimSourceException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    /// <summary>Creates an exception without details.</summary>
    public ClaimSourceException()
        : this("the identity provider's introspection or userinfo endpoint could not be used")
    {
    }

    /// <summary>The stable code, one of <see cref="ClaimSourceErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The URL that was requested.</summary>
    public Uri? Url { get; }

    /// <summary>The HTTP status the endpoint answered with, when it answered.</summary>
    public int? StatusCode { get; }

    /// <summary>The response's content type, when it answered.</summary>
    public string? ContentType { get; }

    /// <summary>The response's size in bytes, when known.</summary>
    public long? ContentLength { get; }
}
