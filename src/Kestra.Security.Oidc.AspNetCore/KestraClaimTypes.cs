namespace Kestra.Security.Oidc.AspNetCore;

/// <summary>The claim types the package adds to an authenticated principal.</summary>
public static class KestraClaimTypes
{
    /// <summary>One claim per Kestra group the user belongs to (as the resolution read them).</summary>
    public const string Group = "kestra_group";

    /// <summary>One claim per Kestra role the user holds; also the role claim type (<c>User.IsInRole("Admin")</c>).</summary>
    public const string Role = "kestra_role";

    /// <summary>The client (under <c>micronaut.security.oauth2.clients</c>) whose token authenticated the user.</summary>
    public const string Client = "kestra_client";
}
