namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>The checks only a logout token has (OIDC Back-Channel Logout 1.0 §2.4, SPEC §9), after the JWS core's.</summary>
internal enum LogoutTokenRule
{
    /// <summary>Neither header <c>typ: logout+jwt</c> nor payload <c>typ: Logout</c> (Keycloak), or another kind's <c>typ</c>.</summary>
    TokenType,

    /// <summary>A <c>nonce</c> is present: logout tokens never carry one (it marks an ID token).</summary>
    Nonce,

    /// <summary><c>events</c> is missing, not an object, or has no <c>http://schemas.openid.net/event/backchannel-logout</c> object member.</summary>
    Events,

    /// <summary><c>jti</c> is missing, not a string, or empty.</summary>
    TokenId,

    /// <summary>Neither <c>sid</c> nor <c>sub</c>, or one of them is not a non-empty string.</summary>
    SessionOrSubject,
}
