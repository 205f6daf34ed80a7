using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens.Jws;
using Kestra.Security.Oidc.Tokens.Profiles;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// One validation, whatever the token kind: size → compact form and header (core) → header rules (profile) → strict payload
/// (core) → kind (profile) → issuer against the configured one (core) → claim rules (profile) → time claims (core); only then
/// discovery, the exact issuer, the key and the signature. Everything before discovery needs no key, so a junk token costs no
/// request (SPEC §5.1). Thread-safe.
/// </summary>
internal sealed class TokenPipeline
{
    private readonly KestraOidcOptions _options;
    private readonly IssuerMetadataProvider _metadata;
    private readonly TimeProvider _time;
    private readonly bool _sharesClock;
    private readonly ILogger _logger;
    private readonly JwsHeaderCache _headers;
    private readonly byte[] _locatedName;
    private readonly byte[] _literalName;

    public TokenPipeline(KestraOidcOptions options, IssuerMetadataProvider metadata, TimeProvider time, ILogger logger)
    {
        if (!TokenValidationSettings.IsClockSkewAllowed(options.Extensions.Validation.ClockSkew))
        {
            throw new ArgumentException($"'kestra-security-oidc.validation.clock-skew' is {options.Extensions.Validation.ClockSkew}, outside 0 to 5 minutes", nameof(options));
        }

        _options = options;
        _metadata = metadata;
        _time = time;
        _sharesClock = ReferenceEquals(time, metadata.Time);
        _logger = logger;
        _headers = new JwsHeaderCache(AlgorithmPolicy.Allowed(options.Extensions.Validation.Algorithms));

        // The groups claim path's first member is located during the strict payload pass, so the resolver can start there
        // instead of searching the payload again (issue 15). Only for paths the locator handles, starting with a name.
        if (ClaimPath.TryParse(options.GroupsClaimPath, out var groups, out _) && groups.IsLocatable && groups.Segments[0].Kind == SegmentKind.Property)
        {
            LocatedPath = groups;
        }

        _locatedName = LocatedPath?.Segments[0].Utf8Name ?? [];
        _literalName = LocatedPath?.LiteralUtf8 ?? [];
    }

    /// <summary>The groups claim path whose first member every valid token's <see cref="RegisteredClaims.LocatedStart"/> points at, or null.</summary>
    public ClaimPath? LocatedPath { get; }

    public ValueTask<TokenOutcome> ValidateAsync<TProfile, TContext>(string token, string clientName, TProfile profile, TContext context, CancellationToken cancellationToken)
        where TProfile : ITokenProfile<TContext>
    {
        var now = _time.GetUtcNow();
        if (CheckWithoutKey(token, clientName, profile, context, now, out var jws, out var claims, out var expiresAt, out var cache) is { } failure)
        {
            return new(Reject(profile.Kind, clientName, failure));
        }

        // The common case, cached metadata and a known kid, runs without an async state machine; one clock read serves the
        // time checks and the cache's freshness when both run on the same clock, and the client's cache is looked up once.
        var pending = _sharesClock ? cache.GetAsync(now, cancellationToken) : cache.GetAsync(cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return AwaitMetadataAsync(profile.Kind, clientName, jws, claims, expiresAt, pending, cancellationToken);
        }

        var metadata = pending.Result;
        return KeyResolver.TryResolveKnown(metadata, jws.Header, out var resolved)
            ? new(Verify(profile.Kind, clientName, jws, claims, expiresAt, metadata, resolved))
            : ValidateSlowAsync(profile.Kind, clientName, jws, claims, expiresAt, metadata, cancellationToken);
    }

    private async ValueTask<TokenOutcome> AwaitMetadataAsync(string kind, string clientName, JwsToken jws, RegisteredClaims claims, DateTimeOffset expiresAt, ValueTask<IssuerMetadata> pending, CancellationToken cancellationToken) =>
        await ValidateSlowAsync(kind, clientName, jws, claims, expiresAt, await pending.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async ValueTask<TokenOutcome> ValidateSlowAsync(string kind, string clientName, JwsToken jws, RegisteredClaims claims, DateTimeOffset expiresAt, IssuerMetadata metadata, CancellationToken cancellationToken)
    {
        // The issuer is checked before any key refetch, so a token of another issuer never causes one.
        if (!claims.Issuer.TextEquals(jws.Payload, metadata.Issuer))
        {
            return Verify(kind, clientName, jws, claims, expiresAt, metadata, default);
        }

        var resolved = await KeyResolver.ResolveAsync(_metadata, metadata, clientName, jws.Header, _logger, cancellationToken).ConfigureAwait(false);
        return Verify(kind, clientName, jws, claims, expiresAt, metadata, resolved);
    }

    private TokenOutcome Verify(string kind, string clientName, in JwsToken jws, in RegisteredClaims claims, DateTimeOffset expiresAt, IssuerMetadata metadata, (SigningKey? Key, TokenFailure Failure) resolved)
    {
        var (key, keyFailure) = resolved;
        if (!claims.Issuer.TextEquals(jws.Payload, metadata.Issuer))
        {
            return Reject(kind, clientName, new TokenFailure(TokenCheck.Issuer, $"the token's issuer is {claims.Issuer.Describe(jws.Payload)}, not '{metadata.Issuer}' (the issuer of the discovery document)"));
        }

        if (key is null)
        {
            return Reject(kind, clientName, keyFailure);
        }

        if (!SignatureVerifier.Verify(jws, key))
        {
            return Reject(kind, clientName, new TokenFailure(TokenCheck.Signature, $"the token's signature does not verify with the provider's '{jws.Header.Alg}' key; the token was altered or signed by someone else"));
        }

        return new TokenOutcome(null, jws, claims, metadata, expiresAt);
    }

    private TokenFailure? CheckWithoutKey<TProfile, TContext>(string token, string clientName, TProfile profile, in TContext context, DateTimeOffset now, out JwsToken jws, out RegisteredClaims claims, out DateTimeOffset expiresAt, out ClientMetadataCache cache)
        where TProfile : ITokenProfile<TContext>
    {
        jws = default;
        claims = default;
        expiresAt = default;
        cache = null!;
        var settings = _options.Extensions.Validation;
        if (token.Length > settings.MaxTokenBytes)
        {
            return new TokenFailure(TokenCheck.Size, $"the token is {token.Length} bytes, more than 'kestra-security-oidc.validation.max-token-bytes' ({settings.MaxTokenBytes})");
        }

        if (!JwsReader.TryRead(token, _headers, out jws, out var failure))
        {
            return failure;
        }

        if (profile.CheckHeader(jws.Header) is { } headerFailure)
        {
            return headerFailure;
        }

        if (!JwsPayloadReader.TryRead(jws.Payload, _locatedName, _literalName, out claims, out var error))
        {
            return new TokenFailure(TokenCheck.Format, error);
        }

        var payload = jws.Payload.AsSpan();
        if (profile.CheckKind(payload, claims) is { } kindFailure)
        {
            return kindFailure;
        }

        // Throws DiscoveryException for an unknown client (only now: a malformed token is refused as such first).
        cache = _metadata.CacheFor(clientName);
        var configured = cache.Plan.Issuer;
        if (!IssuerCandidate(payload, claims.Issuer, configured))
        {
            return new TokenFailure(TokenCheck.Issuer, $"the token's issuer is {claims.Issuer.Describe(payload)}, not '{configured}'; the token comes from another provider or realm, or Keycloak's hostname (KC_HOSTNAME) differs from the issuer users reach");
        }

        if (profile.CheckClaims(payload, claims, clientName, context) is { } claimFailure)
        {
            return claimFailure;
        }

        var skew = settings.ClockSkew < TimeSpan.Zero ? TimeSpan.Zero : settings.ClockSkew > TokenValidationSettings.MaxClockSkew ? TokenValidationSettings.MaxClockSkew : settings.ClockSkew;
        return TimeChecks.TryCheck(payload, claims, now, skew, out expiresAt, out var timeFailure) ? null : timeFailure;
    }

    /// <summary>
    /// Before discovery, the token's issuer is compared with the configured one; a difference of one trailing slash is left to the
    /// exact check against the discovered issuer (which may differ from the configured one by that slash, SPEC §5).
    /// </summary>
    private static bool IssuerCandidate(ReadOnlySpan<byte> payload, ClaimValue issuer, string configured)
    {
        if (!issuer.IsString)
        {
            return false;
        }

        if (issuer.TextEquals(payload, configured))
        {
            return true;
        }

        var text = issuer.GetString(payload)!;
        return string.Equals(text, configured + "/", StringComparison.Ordinal) || string.Equals(text + "/", configured, StringComparison.Ordinal);
    }

    private TokenOutcome Reject(string kind, string clientName, TokenFailure failure)
    {
        TokenLog.Rejected(_logger, kind, clientName, failure.Check, TokenCheckCodes.Of(failure.Check));
        return TokenOutcome.Rejected(failure);
    }
}
