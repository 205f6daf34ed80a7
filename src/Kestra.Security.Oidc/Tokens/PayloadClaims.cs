namespace Kestra.Security.Oidc.Tokens;

/// <summary>The registered claims the ID-token checks need, read in one pass over the payload.</summary>
internal sealed class PayloadClaims
{
    public ClaimValue Issuer { get; set; }

    public ClaimValue Subject { get; set; }

    public ClaimValue AuthorizedParty { get; set; }

    public ClaimValue Nonce { get; set; }

    public ClaimValue Type { get; set; }

    public ClaimValue Expiry { get; set; }

    public ClaimValue NotBefore { get; set; }

    public ClaimValue IssuedAt { get; set; }

    /// <summary>The audiences, or <see langword="null"/> when <c>aud</c> is missing or not a string or an array of strings.</summary>
    public List<string>? Audiences { get; set; }

    public bool HasAudience { get; set; }
}
