namespace Kestra.Security.Oidc.Configuration;

/// <summary>How Keycloak full group paths such as <c>/kestra/admins</c> are turned into group names.</summary>
public enum GroupPathMode
{
    /// <summary>Keep the group as sent (<c>/kestra/admins</c>). The default.</summary>
    Full,

    /// <summary>Keep only the last segment (<c>admins</c>).</summary>
    LastSegment,
}
