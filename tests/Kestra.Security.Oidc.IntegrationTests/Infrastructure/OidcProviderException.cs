namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>The test OpenID provider could not be installed, started or driven.</summary>
public sealed class OidcProviderException : Exception
{
    public OidcProviderException()
    {
    }

    public OidcProviderException(string message)
        : base(message)
    {
    }

    public OidcProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
