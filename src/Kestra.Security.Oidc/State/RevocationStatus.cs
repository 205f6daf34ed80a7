namespace Kestra.Security.Oidc.State;

/// <summary>What the revocation store says about a session or token.</summary>
public enum RevocationStatus
{
    /// <summary>Not revoked (as far as this instance knows, up to date with the shared store).</summary>
    Active,

    /// <summary>Its <c>sid</c> or <c>sub</c> was logged out: refuse it.</summary>
    Revoked,

    /// <summary>The shared store is unreachable and the host chose <c>fail-closed: true</c>: refuse it, the revocation cannot be checked.</summary>
    Unavailable,
}
