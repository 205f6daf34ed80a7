using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.State;
using Kestra.Security.Oidc.Tokens.Jws;
using Kestra.Security.Oidc.Tokens.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// Validates OpenID Connect back-channel logout tokens (SPEC §9): the JWS core's checks (signature with the provider's keys,
/// <c>iss</c> exact, <c>iat</c>, <c>exp</c>), then the logout-token rules (<c>aud</c> contains the client id, the back-channel
/// logout event, <c>jti</c>, <c>sid</c> and/or <c>sub</c>, no <c>nonce</c>, header <c>typ: logout+jwt</c> or Keycloak's
/// claim <c>typ: Logout</c>), and last the replay cache: a <c>jti</c> is accepted once. Thread-safe; create one per application.
/// </summary>
/// <example>
/// <code>
/// var result = await validator.ValidateAsync(form["logout_token"], "keycloak", ct);
/// if (result.IsValid)
///     await revocations.RevokeAsync(new SessionRevocation(result.Issuer!, result.SessionId, result.Subject, result.IssuedAt!.Value, retainUntil));
/// </code>
/// </example>
public sealed class LogoutTokenValidator
{
    private readonly TokenPipeline _pipeline;
    private readonly LogoutTokenProfile _profile;
    private readonly KestraOidcOptions _options;
    private readonly IReplayCache _replayCache;
    private readonly ILogger _logger;

    /// <summary>Creates the validator on a metadata provider for the same options, and the replay cache shared by the instances.</summary>
    /// <exception cref="ArgumentException">The clock skew is outside 0–5 min (SPEC §5.1).</exception>
    public LogoutTokenValidator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, IReplayCache replayCache, TimeProvider? timeProvider = null, ILogger<LogoutTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataProvider);
        ArgumentNullException.ThrowIfNull(replayCache);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _pipeline = new TokenPipeline(options, metadataProvider, timeProvider ?? TimeProvider.System, _logger);
        _profile = new LogoutTokenProfile(options);
        _options = options;
        _replayCache = replayCache;
    }

    /// <summary>
    /// Validates <paramref name="logoutToken"/> for the client <paramref name="clientName"/>, and remembers its <c>jti</c> when it
    /// passes every other check (a second call with the same token is <see cref="LogoutTokenCheck.Replayed"/>).
    /// </summary>
    /// <exception cref="DiscoveryException">The provider's metadata or keys could not be obtained (not the token's fault).</exception>
    /// <exception cref="ArgumentException"><paramref name="clientName"/> is not a configured client.</exception>
    public async ValueTask<LogoutTokenValidationResult> ValidateAsync(string logoutToken, string clientName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logoutToken);
        ArgumentNullException.ThrowIfNull(clientName);
        if (!_options.Clients.TryGetValue(clientName, out var client))
        {
            throw new ArgumentException($"'{clientName}' is not a client under 'micronaut.security.oauth2.clients'", nameof(clientName));
        }

        var outcome = await _pipeline.ValidateAsync(logoutToken, clientName, _profile, default(LogoutTokenProfile.Context), cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { } failure)
        {
            return Rejected(clientName, failure);
        }

        var payload = outcome.Token.Payload;
        var claims = outcome.Claims;
        if (LogoutTokenProfile.CheckMarked(outcome.Token.Header, payload, claims) is { } unmarked)
        {
            return Rejected(clientName, unmarked);
        }

        var issuer = outcome.Metadata!.Issuer;
        var jti = claims.JwtId.GetString(payload)!;
        var replayKey = $"{issuer}\n{client.ClientId}\n{jti}";
        var keepUntil = outcome.ExpiresAt + _options.Extensions.Validation.ClockSkew;
        if (await _replayCache.TryAcceptAsync(replayKey, keepUntil, cancellationToken).ConfigureAwait(false) == ReplayCheck.Replayed)
        {
            return Rejected(clientName, new TokenFailure(TokenCheck.Replayed, "this logout token ('jti') was accepted before; a logout token is accepted once"));
        }

        var issuedAt = TimeChecks.DateOf(payload, claims.IssuedAt);
        return LogoutTokenValidationResult.Valid(clientName, issuer, claims.SessionId.GetString(payload), claims.Subject.GetString(payload), jti, issuedAt, outcome.ExpiresAt);
    }

    private LogoutTokenValidationResult Rejected(string clientName, TokenFailure failure)
    {
        var code = TokenCheckCodes.Of(failure.Check);
        if (failure.Check is TokenCheck.TokenType or TokenCheck.Replayed)
        {
            TokenLog.Rejected(_logger, _profile.Kind, clientName, failure.Check, code);
        }

        return LogoutTokenValidationResult.Rejected(clientName, LogoutTokenProfile.ToPublic(failure.Check), code, failure.Message);
    }
}
