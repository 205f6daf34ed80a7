using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc;

/// <summary>
/// Validates an ID token or an access token and resolves it in one call, reading the groups from the configured claim sources
/// (SPEC §7). Usable without DI: <c>new KestraOidcAuthenticator(options, metadataProvider, resolver)</c>; with DI,
/// <c>services.AddKestraOidc(...)</c> registers it. The options are read once, when it is constructed (the claim-source order
/// included): after changing them, construct a new one; with DI, a configuration reload does.
/// </summary>
public sealed class KestraOidcAuthenticator : IKestraOidcAuthenticator
{
    private readonly KestraOidcOptions _options;
    private readonly IdTokenValidator _validator;
    private readonly AccessTokenValidator _accessTokens;
    private readonly IntrospectionClient _introspection;
    private readonly ClaimSourceChain _chain;

    /// <summary>Creates the authenticator from its parts; the access-token validator and the claim sources use the ID-token validator's metadata provider.</summary>
    public KestraOidcAuthenticator(KestraOidcOptions options, IdTokenValidator validator, KestraRoleResolver resolver)
        : this(options, validator, resolver, null, null)
    {
    }

    /// <summary>Creates the authenticator, its validators and its claim sources on one metadata provider.</summary>
    public KestraOidcAuthenticator(KestraOidcOptions options, IssuerMetadataProvider metadataProvider, KestraRoleResolver resolver, ILoggerFactory? loggerFactory = null)
        : this(options, new IdTokenValidator(options, metadataProvider, metadataProvider?.Time, loggerFactory?.CreateLogger<IdTokenValidator>()), resolver, null, loggerFactory)
    {
    }

    internal KestraOidcAuthenticator(KestraOidcOptions options, IdTokenValidator validator, KestraRoleResolver resolver, IntrospectionCache? cache, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(resolver);
        _options = options;
        _validator = validator;
        var metadata = validator.MetadataProvider;
        _accessTokens = new AccessTokenValidator(options, metadata, metadata.Time, loggerFactory?.CreateLogger<AccessTokenValidator>());
        _introspection = new IntrospectionClient(metadata, options, cache ?? new IntrospectionCache(metadata.Time, options.Extensions.Introspection.CacheSize));
        _chain = new ClaimSourceChain(options, resolver, _accessTokens, _introspection, new UserInfoClient(metadata, options));
    }

    /// <summary>The access-token validator the authenticator uses (the same options and metadata provider).</summary>
    public AccessTokenValidator AccessTokenValidator => _accessTokens;

    /// <inheritdoc />
    public ValueTask<KestraAuthenticationResult> AuthenticateAsync(
        string idToken,
        string? clientName = null,
        KestraAuthenticationContext? context = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idToken);
        var choice = ClientSelector.Select(_options, idToken, clientName);
        if (choice.Name is null)
        {
            return new(new KestraAuthenticationResult(null, null, null, choice.Code, choice.Message));
        }

        // The common case (cached keys, groups in the ID token) completes without an async state machine (issue 15).
        var pending = _validator.ValidateAsync(idToken, choice.Name, context?.Nonce is { } nonce ? new IdTokenValidationContext(nonce) : null, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? ResolveIdTokenAsync(choice.Name, pending.Result, context, cancellationToken)
            : AwaitValidationAsync(choice.Name, pending, context, cancellationToken);
    }

    private async ValueTask<KestraAuthenticationResult> AwaitValidationAsync(
        string clientName, ValueTask<IdTokenValidationResult> pending, KestraAuthenticationContext? context, CancellationToken cancellationToken) =>
        await ResolveIdTokenAsync(clientName, await pending.ConfigureAwait(false), context, cancellationToken).ConfigureAwait(false);

    private ValueTask<KestraAuthenticationResult> ResolveIdTokenAsync(
        string clientName, IdTokenValidationResult validation, KestraAuthenticationContext? context, CancellationToken cancellationToken)
    {
        if (!validation.IsValid)
        {
            KestraOidcMetrics.TokenRejected(clientName, validation.Failure!.Value);
            return new(new KestraAuthenticationResult(validation, null, null));
        }

        KestraOidcMetrics.TokenAccepted(clientName);
        var input = new ChainInput
        {
            ClientName = clientName,
            Subject = validation.Subject!,
            Identity = validation.PayloadUtf8,
            KnownIdentity = validation.Identity,
            IdToken = validation.PayloadUtf8,
            AccessToken = context?.AccessToken,
        };
        var pending = _chain.ResolveAsync(input, Diagnostics(context), cancellationToken);
        return pending.IsCompletedSuccessfully ? new(ToResult(validation, pending.Result)) : AwaitChainAsync(validation, pending);
    }

    private static async ValueTask<KestraAuthenticationResult> AwaitChainAsync(IdTokenValidationResult validation, ValueTask<ChainOutcome> pending) =>
        ToResult(validation, await pending.ConfigureAwait(false));

    private static KestraAuthenticationResult ToResult(IdTokenValidationResult validation, in ChainOutcome outcome) =>
        new(validation, outcome.AccessTokenValidation, outcome.Resolution, outcome.Code, outcome.Message);

    /// <inheritdoc />
    public async ValueTask<KestraAuthenticationResult> AuthenticateAccessTokenAsync(string accessToken, string? clientName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        if (AccessTokenValidator.LooksLikeJws(accessToken) || accessToken.Length > _options.Extensions.Validation.MaxTokenBytes)
        {
            var validation = await _accessTokens.ValidateAsync(accessToken, clientName, cancellationToken).ConfigureAwait(false);
            if (!validation.IsValid)
            {
                return new KestraAuthenticationResult(null, validation, null);
            }

            return await ResolveAccessTokenAsync(new ChainInput
            {
                ClientName = validation.ClientName!,
                Subject = validation.Subject!,
                Identity = validation.PayloadUtf8,
                KnownIdentity = validation.Identity,
                AccessToken = accessToken,
                AccessTokenPayload = validation.PayloadUtf8,
            }, validation, cancellationToken).ConfigureAwait(false);
        }

        return await AuthenticateOpaqueAsync(accessToken, clientName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An opaque token: only introspection can say whether it is valid and whose it is.</summary>
    private async ValueTask<KestraAuthenticationResult> AuthenticateOpaqueAsync(string accessToken, string? clientName, CancellationToken cancellationToken)
    {
        if (!_options.Extensions.ClaimSources.Contains(ClaimSourceKind.Introspection))
        {
            return new KestraAuthenticationResult(null, AccessTokenValidator.Opaque(clientName), null);
        }

        var choice = ClientSelector.Select(_options, accessToken, clientName);
        if (choice.Name is null)
        {
            return new KestraAuthenticationResult(null, null, null, choice.Code, choice.Message);
        }

        clientName = choice.Name;

        var document = await _introspection.IntrospectAsync(accessToken, clientName, cancellationToken).ConfigureAwait(false);
        if (document.Status == SourceStatus.Unavailable)
        {
            return new KestraAuthenticationResult(null, null, null, ClaimSourceErrorCodes.OpaqueTokenWithoutIntrospection,
                $"the token is opaque (not a JWT) and introspection cannot be used: {document.Message}");
        }

        if (document.Status == SourceStatus.Rejected)
        {
            return new KestraAuthenticationResult(null, null, null, document.Code, document.Message);
        }

        if ((document.Subject ?? document.ClientId) is not { Length: > 0 } subject)
        {
            return new KestraAuthenticationResult(null, null, null, ClaimSourceErrorCodes.Malformed,
                "the introspection answer for the token is active but names neither 'sub' nor 'client_id', so the token's owner is unknown");
        }

        return await ResolveAccessTokenAsync(new ChainInput
        {
            ClientName = clientName,
            Subject = subject,
            Identity = document.PayloadUtf8,
            AccessToken = accessToken,
            Introspected = document,
        }, null, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<KestraAuthenticationResult> ResolveAccessTokenAsync(ChainInput input, AccessTokenValidationResult? validation, CancellationToken cancellationToken)
    {
        var outcome = await _chain.ResolveAsync(input, null, cancellationToken).ConfigureAwait(false);
        return new KestraAuthenticationResult(null, validation ?? outcome.AccessTokenValidation, outcome.Resolution, outcome.Code, outcome.Message);
    }

    private static RoleResolutionContext? Diagnostics(KestraAuthenticationContext? context) =>
        context is null || (context.AccessTokenPayload is null && context.UserInfo is null)
            ? null
            : new RoleResolutionContext { AccessTokenPayload = context.AccessTokenPayload, UserInfo = context.UserInfo };
}
