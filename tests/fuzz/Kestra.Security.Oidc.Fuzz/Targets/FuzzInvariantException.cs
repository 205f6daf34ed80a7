namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>The library returned normally but broke a promise (leaked a secret, accepted a bad token, …).</summary>
internal sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    public FuzzInvariantException()
    {
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
