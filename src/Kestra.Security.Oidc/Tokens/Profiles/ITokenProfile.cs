using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>
/// What makes one kind of token (ID token, access token, logout token) on top of the JWS core. <see cref="TokenPipeline"/> runs the
/// core's checks and calls these in order: <see cref="CheckHeader"/> after the header is read, <see cref="CheckKind"/> first on the
/// payload (the check that tells token kinds apart), then the issuer (core), <see cref="CheckClaims"/>, the time claims (core),
/// and only then discovery, the key and the signature. Every method here needs no key and no network.
/// </summary>
/// <typeparam name="TContext">What the caller knows about this one token (a nonce, …): a small struct, passed by reference.</typeparam>
internal interface ITokenProfile<TContext>
{
    /// <summary>The kind of token, for logs and messages (e.g. "ID token").</summary>
    string Kind { get; }

    /// <summary>Header rules of this kind (e.g. <c>typ</c>); <see langword="null"/> when they pass.</summary>
    TokenFailure? CheckHeader(in JwsHeader header);

    /// <summary>Whether the payload says it is this kind of token (e.g. Keycloak's <c>typ</c> claim).</summary>
    TokenFailure? CheckKind(ReadOnlySpan<byte> payload, in RegisteredClaims claims);

    /// <summary>The claim rules of this kind (audience, subject, nonce, …) for <paramref name="clientName"/>.</summary>
    TokenFailure? CheckClaims(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string clientName, in TContext context);
}
