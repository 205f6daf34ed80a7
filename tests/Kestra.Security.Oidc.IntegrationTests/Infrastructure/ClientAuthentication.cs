namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>How <see cref="AuthorizationCodeFlow"/> authenticates the client at the token endpoint.</summary>
public enum ClientAuthentication
{
    /// <summary><c>client_secret_basic</c>: HTTP Basic with the URL-encoded id and secret.</summary>
    Basic,

    /// <summary><c>client_secret_post</c>: <c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    Post,
}
