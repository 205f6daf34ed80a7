namespace Kestra.Security.Oidc.Load;

/// <summary>What a token in the pool is, and so what the validator must answer.</summary>
internal enum TokenKind
{
    /// <summary>Signed by a key the provider publishes: must be valid, with the groups it carries.</summary>
    Valid,

    /// <summary>A valid token with a changed signature: must be refused (signature).</summary>
    Tampered,

    /// <summary>Expired an hour ago: must be refused (expiry), without key traffic.</summary>
    Expired,

    /// <summary>For another client: must be refused (audience), without key traffic.</summary>
    WrongAudience,

    /// <summary>Signed with a kid the provider never published: must be refused (unknown key); costs at most one refetch per cooldown.</summary>
    UnknownKid,
}
