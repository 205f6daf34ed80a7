using System.Collections.Frozen;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Validates OpenID Connect ID tokens with every check of SPEC §5, stricter than Microsoft.IdentityModel's defaults: it refuses
/// access tokens, a wrong or missing <c>azp</c>, unknown <c>crit</c> headers, a missing <c>sub</c> or <c>exp</c>, and keys from token headers.
/// Signatures are verified with the JWKS keys through Microsoft.IdentityModel's <see cref="CryptoProviderFactory"/>. Thread-safe; create one per application.
/// </summary>
/// <example>
/// <code>
/// var result = await validator.ValidateAsync(idToken, "keycloak", new IdTokenValidationContext(nonce), ct);
/// if (!result.IsValid) return Results.Unauthorized();   // result.Failure names the check, result.Message explains it
/// </code>
/// </example>
public sealed class IdTokenValidator
{
    private readonly KestraOidcOptions _options;
    private readonly IssuerMetadataProvider _metadata;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FrozenSet<string> _algorithms;

    /// <summary>Creates the validator on a metadata provider for the same options.</summary>
    /// <exception cref="ArgumentException">The clock skew is outside 0–5 min (SPEC §5.1).</exception>
    public IdTokenValidator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, TimeProvider? timeProvider = null, ILogger<IdTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        if (!TokenValidationSettings.IsClockSkewAllowed(options.Extensions.Validation.ClockSkew))
        {
            throw new ArgumentException($"'kestra-security-oidc.validation.clock-skew' is {options.Extensions.Validation.ClockSkew}, outside 0 to 5 minutes", nameof(options));
        }

        _options = options;
        _metadata = metadataProvider;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _algorithms = options.Extensions.Validation.Algorithms.Where(IsAsymmetric).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Validates <paramref name="idToken"/> for the client <paramref name="clientName"/>. Everything that needs no key is checked
    /// before discovery (the configured issuer is known), so a junk, expired or foreign token causes no network traffic, even with a
    /// cold cache; an unknown <c>kid</c> causes at most one JWKS refetch per cooldown.
    /// </summary>
    /// <returns>A valid result with the payload, or a rejection naming the failed <see cref="IdTokenCheck"/>.</returns>
    /// <exception cref="DiscoveryException">The provider's metadata or keys could not be obtained (not the token's fault).</exception>
    public async ValueTask<IdTokenValidationResult> ValidateAsync(string idToken, string clientName, IdTokenValidationContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idToken);
        ArgumentNullException.ThrowIfNull(clientName);
        var settings = _options.Extensions.Validation;
        if (idToken.Length > settings.MaxTokenBytes)
        {
            return Reject(clientName, IdTokenCheck.Size, $"the token is {idToken.Length} bytes, more than 'kestra-security-oidc.validation.max-token-bytes' ({settings.MaxTokenBytes})");
        }

        if (!TokenHeaderChecks.TryCheck(idToken, _algorithms, out var header, out var payloadUtf8, out var signature, out var headerFailure, out var headerMessage))
        {
            return Reject(clientName, headerFailure, headerMessage);
        }

        if (!PayloadReader.TryRead(payloadUtf8, out var payloadClaims, out var payloadError))
        {
            return Reject(clientName, IdTokenCheck.Format, payloadError);
        }

        var clientId = _options.Clients.TryGetValue(clientName, out var client) ? client.ClientId : null;
        var skew = settings.ClockSkew < TimeSpan.Zero ? TimeSpan.Zero : settings.ClockSkew > TokenValidationSettings.MaxClockSkew ? TokenValidationSettings.MaxClockSkew : settings.ClockSkew;
        var input = new ClaimCheckInput(_metadata.ConfiguredIssuer(clientName), clientId ?? string.Empty, _time.GetUtcNow(), skew, context?.Nonce);
        if (!IdTokenClaimChecks.TryCheck(payloadClaims, input, out var claims, out var claimFailure, out var claimMessage))
        {
            return Reject(clientName, claimFailure, claimMessage);
        }

        var metadata = await _metadata.GetAsync(clientName, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(claims.Issuer, metadata.Issuer, StringComparison.Ordinal))
        {
            return Reject(clientName, IdTokenCheck.Issuer, $"the token's issuer is \"{claims.Issuer}\", not '{metadata.Issuer}' (the issuer of the discovery document)");
        }

        var alg = header.Alg!;
        SigningKey key;
        if (header.Kid is { } kid)
        {
            if (!metadata.KeySet.TryGet(kid, out key))
            {
                var (refetched, why) = await RefetchAsync(clientName, kid, cancellationToken).ConfigureAwait(false);
                if (refetched is null)
                {
                    return Reject(clientName, IdTokenCheck.UnknownKey, $"the token's key id '{kid}' is not in the provider's JWKS at '{metadata.JwksUri}' {why}; the token was signed by another realm or provider");
                }

                key = refetched;
            }
        }
        else
        {
            var count = metadata.KeySet.CountFor(alg, out var single);
            if (count != 1)
            {
                return count == 0
                    ? Reject(clientName, IdTokenCheck.Algorithm, $"the token has no 'kid' and the provider has no '{alg}' key")
                    : Reject(clientName, IdTokenCheck.UnknownKey, $"the token has no 'kid' and the provider has {count} '{alg}' keys: which one signed it is ambiguous (OpenID Connect Core §10.1)");
            }

            key = single!;
        }

        if (key.Algorithm != alg)
        {
            return Reject(clientName, IdTokenCheck.Algorithm, $"the token says '{alg}' but its key '{key.KeyId}' is for '{key.Algorithm}' only; a key is used with one algorithm");
        }

        if (!SignatureVerifier.Verify(idToken, alg, key.Key, signature))
        {
            return Reject(clientName, IdTokenCheck.Signature, $"the token's signature does not verify with the provider's '{alg}' key; the token was altered or signed by someone else");
        }

        return IdTokenValidationResult.Valid(clientName, claims, payloadUtf8);
    }

    /// <summary>One cooldown-limited JWKS refetch for an unknown <c>kid</c>; a failed refetch is a rejection, not an exception (SPEC §5.1).</summary>
    private async ValueTask<(SigningKey? Key, string Why)> RefetchAsync(string clientName, string kid, CancellationToken cancellationToken)
    {
        TokenLog.UnknownKeyRefetch(_logger, clientName);
        IssuerMetadata? refreshed;
        try
        {
            refreshed = await _metadata.RefetchKeysAsync(clientName, cancellationToken).ConfigureAwait(false);
        }
        catch (DiscoveryException ex)
        {
            TokenLog.RefetchFailed(_logger, clientName, ex.Code, ex);
            return (null, $"and refetching the JWKS failed ({ex.Code})");
        }

        return refreshed is null ? (null, "(refetched recently; not again before the cooldown)")
            : refreshed.KeySet.TryGet(kid, out var key) ? (key, string.Empty)
            : (null, "even after a refetch");
    }

    private IdTokenValidationResult Reject(string clientName, IdTokenCheck check, string message)
    {
        var result = IdTokenValidationResult.Rejected(clientName, check, message);
        TokenLog.Rejected(_logger, clientName, check, result.Code);
        return result;
    }

    private static bool IsAsymmetric(string algorithm) =>
        !algorithm.Equals("none", StringComparison.OrdinalIgnoreCase) && !algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase);
}
