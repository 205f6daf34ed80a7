using System.Text.Json;

namespace Kestra.Security.Oidc;

/// <summary>What a host knows beside the ID token: the nonce it sent, and optionally the access token or userinfo for diagnostics.</summary>
public sealed class KestraAuthenticationContext
{
    /// <summary>The nonce sent in the authorization request; the token's <c>nonce</c> must equal it.</summary>
    public string? Nonce { get; init; }

    /// <summary>The access token's decoded payload (diagnostics only: never grants anything).</summary>
    public JsonElement? AccessTokenPayload { get; init; }

    /// <summary>The userinfo response (diagnostics only: never grants anything).</summary>
    public JsonElement? UserInfo { get; init; }
}
