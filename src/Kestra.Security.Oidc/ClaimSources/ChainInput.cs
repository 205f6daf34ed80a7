using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>What the claim-source chain starts from: a validated token (ID token, JWT access token, or an introspection answer).</summary>
internal readonly record struct ChainInput
{
    public required string ClientName { get; init; }

    /// <summary>The validated token's <c>sub</c> (or <c>client_id</c>): userinfo and introspection must answer for it.</summary>
    public required string Subject { get; init; }

    /// <summary>Where subject, username and email are read: the validated token's payload.</summary>
    public required ReadOnlyMemory<byte> Identity { get; init; }

    /// <summary>Where the validator located the identity claims in <see cref="Identity"/> (a JWT's payload); null for an introspection answer.</summary>
    public IdentityClaims? KnownIdentity { get; init; }

    /// <summary>The validated ID token's payload, when an ID token was given.</summary>
    public ReadOnlyMemory<byte>? IdToken { get; init; }

    /// <summary>The raw access token, when one was given (beside the ID token, or alone).</summary>
    public string? AccessToken { get; init; }

    /// <summary>The validated JWT access token's payload, when already validated.</summary>
    public ReadOnlyMemory<byte>? AccessTokenPayload { get; init; }

    /// <summary>An introspection answer already obtained (an opaque token authenticated by introspection).</summary>
    public SourceDocument? Introspected { get; init; }

    /// <summary>Whether an access token was given alone (no ID token: the <c>id-token</c> source is simply absent, without a warning).</summary>
    public bool AccessTokenAlone => IdToken is null;
}
