namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>micronaut.security.endpoints.logout</c>.</summary>
public sealed class LogoutEndpointOptions
{
    /// <summary><c>enabled</c>. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>path</c>. Default <c>/logout</c>.</summary>
    public string Path { get; set; } = "/logout";

    /// <summary><c>get-allowed</c>: whether a GET logs out (else only POST). Default <see langword="false"/>.</summary>
    public bool GetAllowed { get; set; }
}
