namespace Kestra.Security.Oidc.State;

/// <summary>What a revocation entry applies to.</summary>
internal enum RevocationKind
{
    /// <summary>Everything carrying this <c>sid</c>.</summary>
    Session,

    /// <summary>Everything of this <c>sub</c> issued at or before the logout (a logout token without <c>sid</c>).</summary>
    Subject,

    /// <summary>The subject of a revoked <c>sid</c>: applies only to references without a <c>sid</c>, issued at or before the logout.</summary>
    SessionOwner,
}

/// <summary>The key of a revocation entry (ordinal comparison, no allocation to look up).</summary>
internal readonly record struct RevocationKey(string Issuer, RevocationKind Kind, string Value);

/// <summary>When the provider ended the session, and until when the revocation is kept.</summary>
internal readonly record struct RevocationWindow(DateTimeOffset RevokedAt, DateTimeOffset RetainUntil)
{
    public RevocationWindow Merge(RevocationWindow other) =>
        new(RevokedAt > other.RevokedAt ? RevokedAt : other.RevokedAt, RetainUntil > other.RetainUntil ? RetainUntil : other.RetainUntil);
}
