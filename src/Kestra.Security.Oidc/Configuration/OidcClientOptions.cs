namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>micronaut.security.oauth2.clients.&lt;name&gt;</c>: one OpenID Connect client.</summary>
public sealed class OidcClientOptions
{
    /// <summary>The default scopes when the client has an <c>openid</c> block and sets none.</summary>
    public static IReadOnlyList<string> DefaultScopes { get; } = ["openid", "email", "profile"];

    /// <summary><c>enabled</c>. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>client-id</c> (required).</summary>
    public string? ClientId { get; set; }

    /// <summary><c>client-secret</c>. Never printed: <see cref="ToString"/> and every diagnostic leave it out.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>scopes</c>; <see cref="DefaultScopes"/> when not set.</summary>
    public IList<string> Scopes { get; set; } = [.. DefaultScopes];

    /// <summary><c>openid</c>: the issuer and endpoint overrides.</summary>
    public OpenIdProviderOptions OpenId { get; set; } = new();

    /// <inheritdoc />
    public override string ToString() =>
        $"OidcClientOptions {{ Enabled = {Enabled}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "(none)" : "***")}, Scopes = [{string.Join(", ", Scopes)}], Issuer = {OpenId.Issuer} }}";
}
