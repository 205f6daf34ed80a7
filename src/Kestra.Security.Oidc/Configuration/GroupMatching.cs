namespace Kestra.Security.Oidc.Configuration;

/// <summary>How group names from the token are compared with configured bindings.</summary>
public enum GroupMatching
{
    /// <summary>Exact, ordinal comparison. The default.</summary>
    Exact,

    /// <summary>Ordinal, case-insensitive comparison.</summary>
    IgnoreCase,
}
