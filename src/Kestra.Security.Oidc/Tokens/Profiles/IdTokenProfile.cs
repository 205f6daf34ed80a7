using System.Security.Cryptography;
using System.Text;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>
/// The ID-token rules of SPEC §5 on top of the JWS core: not an access token (<c>typ</c> header <c>at+jwt</c>, a <c>typ</c> claim
/// other than <c>ID</c>), <c>aud</c> contains the client id, <c>azp</c> is the client id (required with several audiences), a
/// <c>sub</c>, and the caller's nonce.
/// </summary>
internal sealed class IdTokenProfile(KestraOidcOptions options) : ITokenProfile<IdTokenProfile.Context>
{
    public string Kind => "ID token";

    public TokenFailure? CheckHeader(in JwsHeader header) =>
        header.Typ is { } typ && (typ.Equals("at+jwt", StringComparison.OrdinalIgnoreCase) || typ.Equals("application/at+jwt", StringComparison.OrdinalIgnoreCase))
            ? new TokenFailure(TokenCheck.TokenType, $"the token's 'typ' header is '{typ}': an access token, not an ID token; pass the id_token of the token response")
            : null;

    public TokenFailure? CheckKind(ReadOnlySpan<byte> payload, in RegisteredClaims claims) =>
        claims.Type.IsPresent && !claims.Type.TextEquals(payload, "ID")
            ? new TokenFailure(TokenCheck.TokenType, $"the token's 'typ' claim is {claims.Type.Describe(payload)}, not \"ID\": this is not an ID token (a Keycloak access token says \"Bearer\", a refresh token \"Refresh\"); pass the id_token of the token response")
            : null;

    public TokenFailure? CheckClaims(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string clientName, in Context context)
    {
        var clientId = AudienceList.ClientIdOf(options, clientName);
        if (AudienceList.Check(payload, claims, clientId, "the token was issued to another client (check 'client-id')") is { } audienceFailure)
        {
            return audienceFailure;
        }

        if (claims.AuthorizedParty.IsPresent)
        {
            if (!claims.AuthorizedParty.TextEquals(payload, clientId))
            {
                return new TokenFailure(TokenCheck.AuthorizedParty, $"the token's authorized party 'azp' is {claims.AuthorizedParty.Describe(payload)}, not the client id '{clientId}'");
            }
        }
        else if (claims.AudienceCount > 1)
        {
            return new TokenFailure(TokenCheck.AuthorizedParty, $"the token has {claims.AudienceCount} audiences but no 'azp' naming the client it was issued to");
        }

        if (!claims.Subject.IsString || claims.Subject.Length == 0)
        {
            return new TokenFailure(TokenCheck.MissingSubject, "the token has no 'sub' (a non-empty string identifying the user)");
        }

        if (context.Nonce is { } nonce && !NonceMatches(payload, claims.Nonce, nonce))
        {
            return new TokenFailure(TokenCheck.Nonce, "the token's 'nonce' is missing or differs from the nonce of the authentication request (a replayed or mixed-up response)");
        }

        return null;
    }

    /// <summary>The public <see cref="IdTokenCheck"/> of a core or profile check, written out (never an enum position).</summary>
    public static IdTokenCheck ToPublic(TokenCheck check) => check switch
    {
        TokenCheck.Size => IdTokenCheck.Size,
        TokenCheck.Format => IdTokenCheck.Format,
        TokenCheck.Algorithm => IdTokenCheck.Algorithm,
        TokenCheck.CriticalHeader => IdTokenCheck.CriticalHeader,
        TokenCheck.Signature => IdTokenCheck.Signature,
        TokenCheck.UnknownKey => IdTokenCheck.UnknownKey,
        TokenCheck.Issuer => IdTokenCheck.Issuer,
        TokenCheck.Audience => IdTokenCheck.Audience,
        TokenCheck.AuthorizedParty => IdTokenCheck.AuthorizedParty,
        TokenCheck.Expired => IdTokenCheck.Expired,
        TokenCheck.NotYetValid => IdTokenCheck.NotYetValid,
        TokenCheck.MissingSubject => IdTokenCheck.MissingSubject,
        TokenCheck.MissingExpiry => IdTokenCheck.MissingExpiry,
        TokenCheck.Nonce => IdTokenCheck.Nonce,
        TokenCheck.TokenType => IdTokenCheck.TokenType,
        TokenCheck.IssuedAt => IdTokenCheck.IssuedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a check of ID tokens"),
    };

    private static bool NonceMatches(ReadOnlySpan<byte> payload, ClaimValue nonce, string expected) =>
        nonce.IsString && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce.GetString(payload)!), Encoding.UTF8.GetBytes(expected));

    /// <summary>What the caller knows about the authentication request: the nonce it sent, if any.</summary>
    internal readonly record struct Context(string? Nonce);
}
