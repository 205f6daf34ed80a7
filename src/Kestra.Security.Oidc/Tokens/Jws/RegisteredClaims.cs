namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// The registered claims of a JWT (RFC 7519 §4.1) and the OpenID Connect ones any profile may check, as read in one pass over
/// the payload. The core knows no token kind: which of them matter is each profile's business.
/// </summary>
internal struct RegisteredClaims
{
    public ClaimValue Issuer;
    public ClaimValue Subject;
    public ClaimValue Expiry;
    public ClaimValue NotBefore;
    public ClaimValue IssuedAt;
    public ClaimValue JwtId;
    public ClaimValue AuthorizedParty;
    public ClaimValue Nonce;
    public ClaimValue Type;
    public ClaimValue SessionId;
    public ClaimValue ClientId;
    public ClaimValue Events;

    /// <summary><c>at_hash</c>: only ID tokens carry it (the access-token profile tells them apart by it).</summary>
    public ClaimValue AccessTokenHash;

    /// <summary><c>preferred_username</c>: not checked, located for the role resolver (<see cref="IdentityClaims"/>).</summary>
    public ClaimValue PreferredUsername;

    /// <summary><c>email</c>: not checked, located for the role resolver.</summary>
    public ClaimValue Email;

    /// <summary>The <c>aud</c> as read: a string, an array (the whole array's bytes), or another kind.</summary>
    public ClaimValue Audience;

    /// <summary>
    /// Where the value of the top-level member the caller asked to locate begins (the offset of its first byte, plus one;
    /// 0 when absent): the first member of the groups claim path, so that the resolver need not search the payload again.
    /// </summary>
    public int LocatedStart;

    /// <summary>How many bytes that value spans (its whole text: a string with its quotes, an object or array to its closing bracket).</summary>
    public int LocatedLength;

    /// <summary>How many audiences <c>aud</c> names: 1 for a string, the array's length when it holds only strings, else 0.</summary>
    public int AudienceCount;
}
