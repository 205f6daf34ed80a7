namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// A document the user's groups can be read from (SPEC §7), listed in order in <c>kestra-security-oidc.claim-sources</c>
/// and written there as <c>id-token</c>, <c>userinfo</c>, <c>access-token</c> or <c>introspection</c>.
/// </summary>
public enum ClaimSourceKind
{
    /// <summary><c>id-token</c>: the validated ID token's payload (Kestra's behaviour, the default).</summary>
    IdToken,

    /// <summary><c>userinfo</c>: the provider's userinfo response, fetched with the access token as bearer.</summary>
    UserInfo,

    /// <summary><c>access-token</c>: the validated JWT access token's payload.</summary>
    AccessToken,

    /// <summary><c>introspection</c>: the provider's RFC 7662 introspection response for the access token.</summary>
    Introspection,
}
