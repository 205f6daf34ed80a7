using System.Collections.Frozen;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Validates JWT access tokens with the profile of SPEC §7: Keycloak's <c>typ: Bearer</c> tokens and RFC 9068 <c>at+jwt</c>;
/// <c>iss</c> exact; <c>exp</c>, <c>iat</c> and <c>sub</c> (or <c>client_id</c>) required; <c>aud</c> one of
/// <c>kestra-security-oidc.access-token.audiences</c> (default the client id); optional <c>authorized-parties</c>; no nonce.
/// ID, refresh and logout tokens are refused as <see cref="AccessTokenCheck.TokenType"/>. Signatures and keys follow the same
/// rules as ID tokens. Opaque tokens are refused as <see cref="AccessTokenCheck.Opaque"/>: only introspection can check them
/// (<see cref="IKestraOidcAuthenticator.AuthenticateAccessTokenAsync"/> does). Thread-safe; create one per application.
/// </summary>
/// <example>
/// <code>
/// var result = await validator.ValidateAsync(bearerToken, client: null, ct);   // the token's issuer picks the client
/// if (!result.IsValid) return Results.Unauthorized();                          // result.Failure, result.Code, result.Message
/// </code>
/// </example>
public sealed class AccessTokenValidator
{
    private readonly KestraOidcOptions _options;
    private readonly IssuerMetadataProvider _metadata;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FrozenSet<string> _algorithms;

    /// <summary>Creates the validator on a metadata provider for the same options.</summary>
    public AccessTokenValidator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, TimeProvider? timeProvider = null, ILogger<AccessTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        _options = options;
        _metadata = metadataProvider;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _algorithms = options.Extensions.Validation.Algorithms
            .Where(a => !a.Equals("none", StringComparison.OrdinalIgnoreCase) && !a.StartsWith("HS", StringComparison.OrdinalIgnoreCase))
            .ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Validates <paramref name="accessToken"/> for <paramref name="client"/>, or, when it is <see langword="null"/>, for the
    /// client its issuer picks (SPEC §7). Claims are checked before any key work, so a junk token causes no network traffic.
    /// </summary>
    /// <returns>A valid result with the payload, or a rejection naming the failed <see cref="AccessTokenCheck"/>.</returns>
    /// <exception cref="DiscoveryException">The provider's metadata or keys could not be obtained (not the token's fault).</exception>
    public async ValueTask<AccessTokenValidationResult> ValidateAsync(string accessToken, string? client = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        var settings = _options.Extensions.Validation;
        if (accessToken.Length > settings.MaxTokenBytes)
        {
            return Reject(client, AccessTokenCheck.Size, $"the token is {accessToken.Length} bytes, more than 'kestra-security-oidc.validation.max-token-bytes' ({settings.MaxTokenBytes})");
        }

        if (!LooksLikeJws(accessToken))
        {
            return Reject(client, AccessTokenCheck.Opaque, "the token is opaque (not a JWT), so only the provider can tell whether it is valid; add 'introspection' to 'kestra-security-oidc.claim-sources', or have the provider issue JWT access tokens");
        }

        var choice = client is null ? ClientSelector.Select(_options, accessToken) : new ClientChoice(client, null, string.Empty);
        if (choice.Name is not { } clientName)
        {
            return Reject(null, choice.Code == AccessTokenCheckCodes.Of(AccessTokenCheck.AmbiguousClient) ? AccessTokenCheck.AmbiguousClient : AccessTokenCheck.NoClientForIssuer, choice.Message);
        }

        if (!TokenHeaderChecks.TryCheck(accessToken, _algorithms, out var header, out var payloadUtf8, out var headerFailure, out var headerMessage)
            && headerFailure != IdTokenCheck.TokenType)
        {
            return Reject(clientName, headerFailure switch
            {
                IdTokenCheck.Algorithm => AccessTokenCheck.Algorithm,
                IdTokenCheck.CriticalHeader => AccessTokenCheck.CriticalHeader,
                _ => AccessTokenCheck.Format,
            }, headerMessage);
        }

        if (!PayloadReader.TryRead(payloadUtf8, out var payloadClaims, out var payloadError))
        {
            return Reject(clientName, AccessTokenCheck.Format, payloadError);
        }

        var metadata = await _metadata.GetAsync(clientName, cancellationToken).ConfigureAwait(false);
        var extra = AccessTokenExtraClaims.Read(payloadUtf8);
        var input = new AccessTokenCheckInput(metadata.Issuer, Audiences(clientName), AsReadOnly(_options.Extensions.AccessToken.AuthorizedParties), _time.GetUtcNow(), settings.ClockSkew, header.Typ);
        if (!AccessTokenClaimChecks.TryCheck(payloadClaims, extra, input, out var claims, out var claimFailure, out var claimMessage))
        {
            return Reject(clientName, claimFailure, claimMessage);
        }

        if (header.Kid is { Length: > 0 } kid && !metadata.KeySet.TryGet(kid, out _))
        {
            TokenLog.UnknownKeyRefetch(_logger, clientName);
            var refreshed = await _metadata.RefetchKeysAsync(clientName, cancellationToken).ConfigureAwait(false);
            if (refreshed is null || !refreshed.KeySet.TryGet(kid, out _))
            {
                return Reject(clientName, AccessTokenCheck.UnknownKey, $"the token's key id '{kid}' is not in the provider's JWKS at '{metadata.JwksUri}'{(refreshed is null ? " (refetched recently; not again before the cooldown)" : " even after a refetch")}; the token was signed by another realm or provider");
            }

            metadata = refreshed;
        }

        var keySet = metadata.KeySet;
        if (!SignatureVerifier.Verify(accessToken, header.Alg!, header.Kid, keySet.Keys, k => keySet.TryGet(k, out var key) ? key : null, out var malformed))
        {
            return Reject(clientName, AccessTokenCheck.Signature, malformed
                ? "the token's signature part is not base64url"
                : $"the token's signature does not verify with the provider's '{header.Alg}' keys; the token was altered or signed by someone else");
        }

        return AccessTokenValidationResult.Valid(clientName, claims, payloadUtf8);
    }

    /// <summary>Whether <paramref name="token"/> has the shape of a compact JWS (three dot-separated parts); otherwise it is opaque.</summary>
    internal static bool LooksLikeJws(string token)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        return first > 0 && second > first && token.IndexOf('.', second + 1) < 0;
    }

    private IReadOnlyList<string> Audiences(string clientName)
    {
        var configured = _options.Extensions.AccessToken.Audiences;
        return configured.Count > 0 ? AsReadOnly(configured)
            : _options.Clients.TryGetValue(clientName, out var client) && client.ClientId is { } id ? [id] : [];
    }

    private static IReadOnlyList<string> AsReadOnly(IList<string> list) => list as IReadOnlyList<string> ?? [.. list];

    private AccessTokenValidationResult Reject(string? clientName, AccessTokenCheck check, string message)
    {
        var result = AccessTokenValidationResult.Rejected(clientName, check, message);
        TokenLog.AccessTokenRejected(_logger, clientName ?? "(none)", check, result.Code);
        return result;
    }
}
