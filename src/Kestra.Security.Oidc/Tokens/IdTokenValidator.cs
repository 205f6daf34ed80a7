using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens.Jws;
using Kestra.Security.Oidc.Tokens.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Validates OpenID Connect ID tokens with every check of SPEC §5 and §5.1, stricter than Microsoft.IdentityModel's defaults: it
/// refuses access tokens, a wrong or missing <c>azp</c>, unknown <c>crit</c> headers, a missing <c>sub</c>, <c>exp</c> or
/// <c>iat</c>, keys from token headers, and a key used with another algorithm than its own. Thread-safe; create one per application.
/// </summary>
/// <example>
/// <code>
/// var result = await validator.ValidateAsync(idToken, "keycloak", new IdTokenValidationContext(nonce), ct);
/// if (!result.IsValid) return Results.Unauthorized();   // result.Failure names the check, result.Message explains it
/// </code>
/// </example>
public sealed class IdTokenValidator
{
    private readonly TokenPipeline _pipeline;
    private readonly IdTokenProfile _profile;

    /// <summary>Creates the validator on a metadata provider for the same options.</summary>
    /// <exception cref="ArgumentException">The clock skew is outside 0–5 min (SPEC §5.1).</exception>
    public IdTokenValidator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, TimeProvider? timeProvider = null, ILogger<IdTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        _pipeline = new TokenPipeline(options, metadataProvider, timeProvider ?? TimeProvider.System, (ILogger?)logger ?? NullLogger.Instance);
        _profile = new IdTokenProfile(options);
        MetadataProvider = metadataProvider;
    }

    /// <summary>The metadata provider the validator uses (the access-token validator and the claim sources share it).</summary>
    internal IssuerMetadataProvider MetadataProvider { get; }

    /// <summary>
    /// Validates <paramref name="idToken"/> for the client <paramref name="clientName"/>. Everything that needs no key is checked
    /// before discovery (the configured issuer is known), so a junk, expired or foreign token causes no network traffic, even with a
    /// cold cache; an unknown <c>kid</c> causes at most one JWKS refetch per cooldown.
    /// </summary>
    /// <returns>A valid result with the payload, or a rejection naming the failed <see cref="IdTokenCheck"/>.</returns>
    /// <exception cref="DiscoveryException">The provider's metadata or keys could not be obtained (not the token's fault).</exception>
    public ValueTask<IdTokenValidationResult> ValidateAsync(string idToken, string clientName, IdTokenValidationContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idToken);
        ArgumentNullException.ThrowIfNull(clientName);
        var pending = _pipeline.ValidateAsync(idToken, clientName, _profile, new IdTokenProfile.Context(context?.Nonce), cancellationToken);
        return pending.IsCompletedSuccessfully ? new(ToResult(clientName, pending.Result)) : AwaitAsync(clientName, pending);
    }

    private async ValueTask<IdTokenValidationResult> AwaitAsync(string clientName, ValueTask<TokenOutcome> pending) =>
        ToResult(clientName, await pending.ConfigureAwait(false));

    private IdTokenValidationResult ToResult(string clientName, in TokenOutcome outcome)
    {
        if (outcome.Failure is { } failure)
        {
            return IdTokenValidationResult.Rejected(clientName, IdTokenProfile.ToPublic(failure.Check), TokenCheckCodes.Of(failure.Check), failure.Message);
        }

        var payload = outcome.Token.Payload;
        var subject = outcome.Claims.Subject.GetString(payload)!;
        return IdTokenValidationResult.Valid(
            clientName,
            outcome.Metadata!.Issuer,
            subject,
            AudienceClaim.Of(outcome.Claims),
            outcome.ExpiresAt,
            payload,
            IdentityClaims.Of(outcome.Claims, _pipeline.LocatedPath, subject, payload));
    }
}
