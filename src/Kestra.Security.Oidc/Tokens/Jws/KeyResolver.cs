using Kestra.Security.Oidc.Discovery;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// Picks the one JWKS key that may verify a token (SPEC §5, §5.1): by <c>kid</c> (an unknown one refetches the JWKS once per
/// cooldown; a failed refetch is a rejection), or, without <c>kid</c>, the only key bound to the token's <c>alg</c>; then the
/// key's own algorithm must be the token's.
/// </summary>
internal static class KeyResolver
{
    /// <summary>The key from the cached set, without any refetch (the <c>kid</c> is in the set, or there is none).</summary>
    public static (SigningKey? Key, TokenFailure Failure) ResolveKnown(IssuerMetadata metadata, JwsHeader header)
    {
        SigningKey? key;
        if (header.Kid is { } kid)
        {
            if (!metadata.KeySet.TryGet(kid, out key))
            {
                return (null, new TokenFailure(TokenCheck.UnknownKey, $"the token's key id '{kid}' is not in the provider's JWKS at '{metadata.JwksUri}'; the token was signed by another realm or provider"));
            }
        }
        else
        {
            var count = metadata.KeySet.CountFor(header.Alg, out key);
            if (count != 1)
            {
                return (null, count == 0
                    ? new TokenFailure(TokenCheck.Algorithm, $"the token has no 'kid' and the provider has no '{header.Alg}' key")
                    : new TokenFailure(TokenCheck.UnknownKey, $"the token has no 'kid' and the provider has {count} '{header.Alg}' keys: which one signed it is ambiguous (OpenID Connect Core §10.1)"));
            }
        }

        return Bound(key!, header);
    }

    public static async ValueTask<(SigningKey? Key, TokenFailure Failure)> ResolveAsync(
        IssuerMetadataProvider provider, IssuerMetadata metadata, string clientName, JwsHeader header, ILogger logger, CancellationToken cancellationToken)
    {
        if (header.Kid is { } kid && !metadata.KeySet.TryGet(kid, out _))
        {
            var (key, why) = await RefetchAsync(provider, clientName, kid, logger, cancellationToken).ConfigureAwait(false);
            return key is null
                ? (null, new TokenFailure(TokenCheck.UnknownKey, $"the token's key id '{kid}' is not in the provider's JWKS at '{metadata.JwksUri}' {why}; the token was signed by another realm or provider"))
                : Bound(key, header);
        }

        return ResolveKnown(metadata, header);
    }

    /// <summary>The key, if its own algorithm is the token's (a key is used with one algorithm only).</summary>
    private static (SigningKey? Key, TokenFailure Failure) Bound(SigningKey key, JwsHeader header) =>
        key.Algorithm == header.Alg
            ? (key, default)
            : (null, new TokenFailure(TokenCheck.Algorithm, $"the token says '{header.Alg}' but its key '{key.KeyId}' is for '{key.Algorithm}' only; a key is used with one algorithm"));

    private static async ValueTask<(SigningKey? Key, string Why)> RefetchAsync(IssuerMetadataProvider provider, string clientName, string kid, ILogger logger, CancellationToken cancellationToken)
    {
        TokenLog.UnknownKeyRefetch(logger, clientName);
        IssuerMetadata? refreshed;
        try
        {
            refreshed = await provider.RefetchKeysAsync(clientName, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscoveryException ex)
        {
            TokenLog.RefetchFailed(logger, clientName, ex.Code, ex);
            return (null, $"and refetching the JWKS failed ({ex.Code})");
        }

        return refreshed is null ? (null, "(refetched recently; not again before the cooldown)")
            : refreshed.KeySet.TryGet(kid, out var key) ? (key, string.Empty)
            : (null, "even after a refetch");
    }
}
