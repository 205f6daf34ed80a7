namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>micronaut.security.oauth2.clients.&lt;name&gt;.openid</c>: the provider and endpoint overrides.</summary>
public sealed class OpenIdProviderOptions
{
    /// <summary>The discovery path Micronaut appends to the issuer when none is configured.</summary>
    public const string DefaultConfigurationPath = "/.well-known/openid-configuration";

    /// <summary><c>issuer</c> (required): e.g. <c>http://localhost:8088/realms/kestra</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary><c>configuration-path</c>. Default <c>/.well-known/openid-configuration</c>.</summary>
    public string ConfigurationPath { get; set; } = DefaultConfigurationPath;

    /// <summary><c>jwks-uri</c>: overrides the discovered JWKS URL.</summary>
    public string? JwksUri { get; set; }

    /// <summary><c>authorization.url</c>: overrides the discovered authorization endpoint.</summary>
    public string? AuthorizationUrl { get; set; }

    /// <summary><c>token.url</c>: overrides the discovered token endpoint.</summary>
    public string? TokenUrl { get; set; }

    /// <summary><c>user-info.url</c>: overrides the discovered userinfo endpoint.</summary>
    public string? UserInfoUrl { get; set; }

    /// <summary><c>end-session.url</c>: overrides the discovered end-session endpoint.</summary>
    public string? EndSessionUrl { get; set; }

    /// <summary><c>end-session.enabled</c>. Default <see langword="true"/>.</summary>
    public bool EndSessionEnabled { get; set; } = true;

    /// <summary><c>introspection.url</c>: overrides the discovered RFC 7662 introspection endpoint.</summary>
    public string? IntrospectionUrl { get; set; }
}
