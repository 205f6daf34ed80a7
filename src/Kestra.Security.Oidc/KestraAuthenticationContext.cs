using System.Text.Json;

namespace Kestra.Security.Oidc;

/// <summary>What a host knows beside the ID token: the nonce it sent, the access token, and optionally documents for diagnostics.</summary>
public sealed class KestraAuthenticationContext
{
    /// <summary>The nonce sent in the authorization request; the token's <c>nonce</c> must equal it.</summary>
    public string? Nonce { get; init; }

    /// <summary>
    /// The access token of the same token response (compact JWT or opaque). It lets the claim sources <c>access-token</c>,
    /// <c>userinfo</c> and <c>introspection</c> (<c>kestra-security-oidc.claim-sources</c>) be used; it must belong to the
    /// same user. Never logged or printed.
    /// </summary>
    public string? AccessToken { get; init; }

    /// <summary>The access token's decoded payload (diagnostics only: never grants anything).</summary>
    public JsonElement? AccessTokenPayload { get; init; }

    /// <summary>The userinfo response (diagnostics only: never grants anything).</summary>
    public JsonElement? UserInfo { get; init; }
}
