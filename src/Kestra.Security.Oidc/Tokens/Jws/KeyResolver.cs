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
    /// <summary>
    /// The key from the cached set, without any refetch; <see langword="false"/> when the token's <c>kid</c> is not in the set
    /// (then only <see cref="ResolveAsync"/>, which may refetch, can answer).
    /// </summary>
    public static bool TryResolveKnown(IssuerMetadata metadata, JwsHeader header, out (SigningKey? Key, TokenFailure Failure) resolved)
    {
        if (header.Kid is { } kid)
        {
            if (!metadata.KeySet.TryGet(kid, out var key))
            {
                resolved = default;
                return false;
            }

            resolved = Bound(key, header);
            return true;
        }

        var count = metadata.KeySet.CountFor(header.Alg, out var only);
        resolved = count == 1 ? Bound(only!, header)
            : count == 0 ? (null, new TokenFailure(TokenCheck.Algorithm, $"the token has no 'kid' and the provider has no '{header.Alg}' key"))
            : (null, new TokenFailure(TokenCheck.UnknownKey, $"the token has no 'kid' and the provider has {count} '{header.Alg}' keys: which one signed it is ambiguous (OpenID Connect Core §10.1)"));
        return true;
    }

    public static async ValueTask<(SigningKey? Key, TokenFailure Failure)> ResolveAsync(
        IssuerMetadataProvider provider, IssuerMetadata metadata, string clientName, JwsHeader header, ILogger logger, CancellationToken cancellationToken)
    {
        if (TryResolveKnown(metadata, header, out var resolved))
        {
            return resolved;
        }

        // An unknown kid: the provider may have rotated its keys since the JWKS was read.
        var kid = header.Kid!;
        var (key, why) = await RefetchAsync(provider, clientName, kid, logger, cancellationToken).ConfigureAwait(false);
        return key is null
            ? (null, new TokenFailure(TokenCheck.UnknownKey, $"the token's key id '{kid}' is not in the provider's JWKS at '{metadata.JwksUri}' {why}; the token was signed by another realm or provider"))
            : Bound(key, header);
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
            // Cooling down: another caller may have refetched after this one read its metadata; the keys it got are cached.
            refreshed = await provider.RefetchKeysAsync(clientName, cancellationToken).ConfigureAwait(false);
            if (refreshed is null && (await provider.GetAsync(clientName, cancellationToken).ConfigureAwait(false)).KeySet.TryGet(kid, out var recent))
            {
                return (recent, string.Empty);
            }
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
