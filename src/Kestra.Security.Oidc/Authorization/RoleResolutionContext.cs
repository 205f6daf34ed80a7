using System.Text.Json;

namespace Kestra.Security.Oidc.Authorization;

/// <summary>
/// Optional documents beside the ID token. They never grant anything (Kestra reads groups from the ID token only);
/// they let the resolver say "the roles are in the access token but not in the ID token: turn on Add to ID token".
/// </summary>
public sealed class RoleResolutionContext
{
    /// <summary>The decoded payload of the access token, when it is a JWT (Keycloak's is).</summary>
    public JsonElement? AccessTokenPayload { get; init; }

    /// <summary>The userinfo response.</summary>
    public JsonElement? UserInfo { get; init; }
}
