using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Kestra.Security.Oidc.WebSample.Oidc;

/// <summary>What the login route remembers until the callback: <c>state</c>, <c>nonce</c>, the PKCE verifier, and where to go next.</summary>
internal sealed record AuthorizationState
{
    public required string Client { get; init; }

    public required string State { get; init; }

    public required string Nonce { get; init; }

    public required string CodeVerifier { get; init; }

    public required string ReturnUrl { get; init; }

    /// <summary>A new state with 256 bits of randomness in each of <c>state</c>, <c>nonce</c> and the code verifier.</summary>
    public static AuthorizationState Create(string client, string returnUrl) => new()
    {
        Client = client,
        State = RandomToken(),
        Nonce = RandomToken(),
        CodeVerifier = RandomToken(),
        ReturnUrl = returnUrl,
    };

    /// <summary>The PKCE S256 challenge: BASE64URL(SHA-256(verifier)).</summary>
    public string CodeChallenge => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));

    private static string RandomToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
