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
    public IdTokenValidator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, TimeProvider? timeProvider = null, ILogger<IdTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        _options = options;
        _metadata = metadataProvider;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _algorithms = options.Extensions.Validation.Algorithms.Where(IsAsymmetric).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The metadata provider the validator uses (the access-token validator and the claim sources share it).</summary>
    internal IssuerMetadataProvider MetadataProvider => _metadata;

    /// <summary>
    /// Validates <paramref name="idToken"/> for the client <paramref name="clientName"/>. The claims are checked before any key
    /// work, so a junk token causes no network traffic; an unknown <c>kid</c> causes at most one JWKS refetch per cooldown.
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

        if (!TokenHeaderChecks.TryCheck(idToken, _algorithms, out var header, out var payloadUtf8, out var headerFailure, out var headerMessage))
        {
            return Reject(clientName, headerFailure, headerMessage);
        }

        if (!PayloadReader.TryRead(payloadUtf8, out var payloadClaims, out var payloadError))
        {
            return Reject(clientName, IdTokenCheck.Format, payloadError);
        }

        var clientId = _options.Clients.TryGetValue(clientName, out var client) ? client.ClientId : null;
        var metadata = await _metadata.GetAsync(clientName, cancellationToken).ConfigureAwait(false);
        var input = new ClaimCheckInput(metadata.Issuer, clientId ?? string.Empty, _time.GetUtcNow(), settings.ClockSkew, context?.Nonce);
        if (!IdTokenClaimChecks.TryCheck(payloadClaims, input, out var claims, out var claimFailure, out var claimMessage))
        {
            return Reject(clientName, claimFailure, claimMessage);
        }

        if (header.Kid is { Length: > 0 } kid && !metadata.KeySet.TryGet(kid, out _))
        {
            TokenLog.UnknownKeyRefetch(_logger, clientName);
            var refreshed = await _metadata.RefetchKeysAsync(clientName, cancellationToken).ConfigureAwait(false);
            if (refreshed is null || !refreshed.KeySet.TryGet(kid, out _))
            {
                return Reject(clientName, IdTokenCheck.UnknownKey, $"the token's key id '{kid}' is not in the provider's JWKS at '{metadata.JwksUri}'{(refreshed is null ? " (refetched recently; not again before the cooldown)" : " even after a refetch")}; the token was signed by another realm or provider");
            }

            metadata = refreshed;
        }

        var keySet = metadata.KeySet;
        if (!SignatureVerifier.Verify(idToken, header.Alg!, header.Kid, keySet.Keys, k => keySet.TryGet(k, out var key) ? key : null, out var malformed))
        {
            return Reject(clientName, IdTokenCheck.Signature, malformed
                ? "the token's signature part is not base64url"
                : $"the token's signature does not verify with the provider's '{header.Alg}' keys; the token was altered or signed by someone else");
        }

        return IdTokenValidationResult.Valid(clientName, claims, payloadUtf8);
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
