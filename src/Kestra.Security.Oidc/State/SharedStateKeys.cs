namespace Kestra.Security.Oidc.State;

/// <summary>Service keys of the shared state a host registers (keyed services of Microsoft.Extensions.DependencyInjection).</summary>
public static class SharedStateKeys
{
    /// <summary>
    /// The key of the library's <c>IDistributedCache</c>: in memory by default, Redis when <c>shared-cache.redis</c> is set
    /// (the connection the revocation store uses). A host's own unkeyed <c>IDistributedCache</c> is never replaced.
    /// </summary>
    public const string DistributedCache = "Kestra.Security.Oidc.SharedState";
}
