namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>How asking one claim source went.</summary>
internal enum SourceStatus
{
    /// <summary>The source answered with a usable document.</summary>
    Found,

    /// <summary>The source cannot be used here (no access token, no endpoint, no client secret): skipped with a warning.</summary>
    Unavailable,

    /// <summary>The source refused the token (inactive, wrong issuer, another subject): authentication fails.</summary>
    Rejected,
}
