using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens.Jws;
using Kestra.Security.Oidc.Tokens.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Validates JWT access tokens with the profile of SPEC §7: Keycloak's <c>typ: Bearer</c> tokens and RFC 9068 <c>at+jwt</c>;
/// <c>iss</c> exact; <c>exp</c>, <c>iat</c> and <c>sub</c> (or <c>client_id</c>) required; <c>aud</c> one of
/// <c>kestra-security-oidc.access-token.audiences</c> (default the client id); optional <c>authorized-parties</c>; no nonce.
/// ID, refresh and logout tokens are refused as <see cref="AccessTokenCheck.TokenType"/>. Signatures and keys follow the same
/// rules as ID tokens (the same JWS core). Opaque tokens are refused as <see cref="AccessTokenCheck.Opaque"/>: only
/// introspection can check them (<see cref="IKestraOidcAuthenticator.AuthenticateAccessTokenAsync"/> does). Thread-safe;
/// create one per application.
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
    private readonly TokenPipeline _pipeline;
    private readonly AccessTokenProfile _profile;

    /// <summary>Creates the validator on a metadata provider for the same options.</summary>
    /// <exception cref="ArgumentException">The clock skew is outside 0–5 min (SPEC §5.1).</exception>
    public AccessTokenValidator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, TimeProvider? timeProvider = null, ILogger<AccessTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        _options = options;
        _pipeline = new TokenPipeline(options, metadataProvider, timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
        _profile = new AccessTokenProfile(options);
    }

    /// <summary>
    /// Validates <paramref name="accessToken"/> for <paramref name="client"/>, or, when it is <see langword="null"/>, for the
    /// client its issuer picks (SPEC §7). Everything that needs no key is checked before discovery, so a junk, expired or
    /// foreign token causes no network traffic.
    /// </summary>
    /// <returns>A valid result with the payload, or a rejection naming the failed <see cref="AccessTokenCheck"/>.</returns>
    /// <exception cref="DiscoveryException">The provider's metadata or keys could not be obtained (not the token's fault).</exception>
    public async ValueTask<AccessTokenValidationResult> ValidateAsync(string accessToken, string? client = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        if (accessToken.Length <= _options.Extensions.Validation.MaxTokenBytes && !LooksLikeJws(accessToken))
        {
            return Opaque(client);
        }

        var choice = ClientSelector.Select(_options, accessToken, client);
        if (choice.Name is not { } clientName)
        {
            return AccessTokenValidationResult.Rejected(null, choice.Code == ClaimSourceErrorCodes.AmbiguousClient ? AccessTokenCheck.AmbiguousClient : AccessTokenCheck.NoClientForIssuer, choice.Message);
        }

        var outcome = await _pipeline.ValidateAsync(accessToken, clientName, _profile, default(AccessTokenProfile.Context), cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            return AccessTokenValidationResult.Rejected(clientName, AccessTokenProfile.ToPublic(failure.Check), failure.Message);
        }

        var payload = outcome.Token.Payload;
        var claims = outcome.Claims;
        var subject = claims.Subject.IsString && claims.Subject.Length > 0 ? claims.Subject.GetString(payload)! : claims.ClientId.GetString(payload)!;
        var party = claims.AuthorizedParty.IsString ? claims.AuthorizedParty.GetString(payload) : claims.ClientId.GetString(payload);
        return AccessTokenValidationResult.Valid(clientName, outcome.Metadata!.Issuer, subject, AudienceClaim.Of(claims), party, outcome.ExpiresAt, payload, IdentityClaims.Of(claims, _pipeline.LocatedPath, subject, payload));
    }

    /// <summary>Whether <paramref name="token"/> has the shape of a compact JWS (three dot-separated parts); otherwise it is opaque.</summary>
    internal static bool LooksLikeJws(string token) => CompactJws.TrySplit(token, out _, out _);

    /// <summary>The refusal of an opaque token where only a JWT can be validated (introspection not configured).</summary>
    internal static AccessTokenValidationResult Opaque(string? client) =>
        AccessTokenValidationResult.Rejected(client, AccessTokenCheck.Opaque,
            "the token is opaque (not a JWT), so only the provider can tell whether it is valid; add 'introspection' to 'kestra-security-oidc.claim-sources', or have the provider issue JWT access tokens");
}
