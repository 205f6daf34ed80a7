using System.Collections.ObjectModel;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// Reads the groups from the first claim source, in the order of <c>kestra-security-oidc.claim-sources</c>, whose
/// <c>groups-claim-path</c> yields at least one group (SPEC §7). A source that cannot be used is skipped with a warning; a
/// source that refuses the token (inactive, another subject) fails the authentication. Network sources are asked only when
/// the sources before them gave no group.
/// </summary>
internal sealed class ClaimSourceChain
{
    /// <summary>Group counts up to this one share their attempt line (<see cref="Shared"/>); larger counts format a new one.</summary>
    private const int SharedCounts = 32;

    private readonly KestraRoleResolver _resolver;
    private readonly AccessTokenValidator _accessTokens;
    private readonly IntrospectionClient _introspection;
    private readonly UserInfoClient _userInfo;

    /// <summary>The configured order (de-duplicated; <c>[id-token]</c> when empty), and the order for a JWT access token alone.</summary>
    private readonly ClaimSourceKind[] _order;
    private readonly ClaimSourceKind[] _orderAccessTokenFirst;

    /// <summary>
    /// The one-line attempt lists a resolution hands out when the first source tried gives the groups (or none is read),
    /// by source and group count: immutable, so every resolution with the same outcome shares one, and the request path
    /// formats no line (issue 15's allocation budget).
    /// </summary>
    private readonly ReadOnlyCollection<ClaimSourceAttempt>?[] _sharedAttempts = new ReadOnlyCollection<ClaimSourceAttempt>?[(MaxSource + 1) * (SharedCounts + 1)];
    private readonly ReadOnlyCollection<ClaimSourceAttempt>?[] _notRead = new ReadOnlyCollection<ClaimSourceAttempt>?[MaxSource + 1];

    private const int MaxSource = (int)ClaimSourceKind.Introspection;

    public ClaimSourceChain(KestraOidcOptions options, KestraRoleResolver resolver, AccessTokenValidator accessTokens, IntrospectionClient introspection, UserInfoClient userInfo)
    {
        _resolver = resolver;
        _accessTokens = accessTokens;
        _introspection = introspection;
        _userInfo = userInfo;
        var configured = options.Extensions.ClaimSources.Distinct().ToList();
        _order = configured.Count == 0 ? [ClaimSourceKind.IdToken] : [.. configured];

        // A JWT access token alone is always read first, even when the list does not name it.
        _orderAccessTokenFirst = configured.Contains(ClaimSourceKind.AccessToken) ? _order : [ClaimSourceKind.AccessToken, .. configured];
    }

    public ValueTask<ChainOutcome> ResolveAsync(in ChainInput input, RoleResolutionContext? context, CancellationToken cancellationToken)
    {
        var order = Order(input);
        if (_resolver.GroupsClaimPath is not { } path)
        {
            return new(Done(_resolver.ResolveValidatedWithoutGroups(input.Identity.Span, input.ClientName, context, input.KnownIdentity), null, NotRead(order[0]), null, null));
        }

        // The common case: the first source is a token already validated (the ID token, or the JWT access token alone), and it
        // holds the groups; no request, no async state machine (issue 15).
        if (!Local(order[0], input, out var document))
        {
            return ResolveFromAsync(input, context, order, 0, null, null, cancellationToken);
        }

        var resolution = _resolver.ResolveValidated(input.Identity.Span, document.Span, input.ClientName, context, input.KnownIdentity);
        var count = resolution.Groups.Count;
        return count > 0
            ? new(Done(resolution, order[0], Shared(order[0], count, path), null, null))
            : ResolveFromAsync(input, context, order, 1, [Attempt(order[0], 0, path)], resolution, cancellationToken);
    }

    /// <summary>The chain from <paramref name="start"/> on, with what the sources before it gave (their lines, the first resolution).</summary>
    private async ValueTask<ChainOutcome> ResolveFromAsync(
        ChainInput input, RoleResolutionContext? context, ClaimSourceKind[] order, int start, List<ClaimSourceAttempt>? attempts, RoleResolution? first, CancellationToken cancellationToken)
    {
        var path = _resolver.GroupsClaimPath!;
        List<ResolutionWarning>? warnings = null;
        AccessTokenValidationResult? accessValidation = null;
        for (var i = start; i < order.Length; i++)
        {
            var source = order[i];
            ReadOnlyMemory<byte> groupsSource;
            if (Local(source, input, out var local))
            {
                groupsSource = local;
            }
            else
            {
                var (document, validation, warn) = await ObtainAsync(source, input, cancellationToken).ConfigureAwait(false);
                accessValidation ??= validation;
                if (document.Status == SourceStatus.Rejected)
                {
                    return new ChainOutcome(null, document.Code, document.Message, accessValidation);
                }

                if (document.Status == SourceStatus.Unavailable)
                {
                    (attempts ??= []).Add(new ClaimSourceAttempt(source, 0, $"skipped: {document.Message}"));
                    if (warn)
                    {
                        (warnings ??= []).Add(new ResolutionWarning(ClaimSourceErrorCodes.SourceSkipped, $"claim source '{ClaimSourceNames.Of(source)}' skipped: {document.Message}"));
                    }

                    continue;
                }

                groupsSource = document.PayloadUtf8;
            }

            var resolution = _resolver.ResolveValidated(input.Identity.Span, groupsSource.Span, input.ClientName, context, input.KnownIdentity);
            var count = resolution.Groups.Count;
            if (count > 0)
            {
                return attempts is null
                    ? Done(resolution, source, Shared(source, count, path), warnings, accessValidation)
                    : Done(resolution, source, With(attempts, Attempt(source, count, path)), warnings, accessValidation);
            }

            (attempts ??= []).Add(Attempt(source, 0, path));
            first ??= resolution;
        }

        // Every source skipped: none is read, and a document outside the list (the ID token) gives no groups either.
        return Done(first ?? _resolver.ResolveValidatedWithoutGroups(input.Identity.Span, input.ClientName, context, input.KnownIdentity), null,
            attempts is null ? ReadOnlyCollection<ClaimSourceAttempt>.Empty : attempts.AsReadOnly(), warnings, accessValidation);
    }

    /// <summary>A source that needs no request: the given ID token's payload, or the payload of the JWT access token already validated.</summary>
    private static bool Local(ClaimSourceKind source, in ChainInput input, out ReadOnlyMemory<byte> document)
    {
        var given = source switch
        {
            ClaimSourceKind.IdToken => input.IdToken,
            ClaimSourceKind.AccessToken => input.AccessTokenPayload,
            _ => null,
        };
        document = given.GetValueOrDefault();
        return given.HasValue;
    }

    private static ChainOutcome Done(RoleResolution resolution, ClaimSourceKind? from, ReadOnlyCollection<ClaimSourceAttempt> attempts, List<ResolutionWarning>? warnings, AccessTokenValidationResult? accessValidation) =>
        new(resolution.WithClaimSources(from, attempts, warnings), null, null, accessValidation);

    private static ReadOnlyCollection<ClaimSourceAttempt> With(List<ClaimSourceAttempt> attempts, ClaimSourceAttempt last)
    {
        attempts.Add(last);
        return attempts.AsReadOnly();
    }

    /// <summary>The line of a source that was read: <c>2 group(s) at 'path'</c>, or <c>no group at 'path'</c>.</summary>
    private ClaimSourceAttempt Attempt(ClaimSourceKind source, int count, ClaimPath path) =>
        count <= SharedCounts ? Shared(source, count, path)[0] : NewAttempt(source, count, path);

    private static ClaimSourceAttempt NewAttempt(ClaimSourceKind source, int count, ClaimPath path) =>
        new(source, count, count > 0 ? $"{count} group(s) at '{path.Text}'" : $"no group at '{path.Text}'");

    /// <summary>The shared one-line list for a source read with <paramref name="count"/> groups (built once; a benign race builds it twice).</summary>
    private ReadOnlyCollection<ClaimSourceAttempt> Shared(ClaimSourceKind source, int count, ClaimPath path)
    {
        if (count > SharedCounts || (int)source > MaxSource)
        {
            return new ReadOnlyCollection<ClaimSourceAttempt>([NewAttempt(source, count, path)]);
        }

        var slot = ((int)source * (SharedCounts + 1)) + count;
        return _sharedAttempts[slot] ??= new ReadOnlyCollection<ClaimSourceAttempt>([NewAttempt(source, count, path)]);
    }

    private ReadOnlyCollection<ClaimSourceAttempt> NotRead(ClaimSourceKind source) =>
        _notRead[(int)source] ??= new ReadOnlyCollection<ClaimSourceAttempt>([new ClaimSourceAttempt(source, 0, "not read: 'kestra.security.oidc.groups-claim-path' is not set")]);

    /// <summary>The configured order; a JWT access token alone is always read first when the list does not name it.</summary>
    private ClaimSourceKind[] Order(in ChainInput input) =>
        input.AccessTokenAlone && input.AccessTokenPayload is not null ? _orderAccessTokenFirst : _order;

    private async ValueTask<(SourceDocument Document, AccessTokenValidationResult? Validation, bool Warn)> ObtainAsync(ClaimSourceKind source, ChainInput input, CancellationToken cancellationToken)
    {
        switch (source)
        {
            case ClaimSourceKind.IdToken:
                // Reached only without an ID token (the loop reads a given one directly): an access token alone, no warning.
                return (SourceDocument.Unavailable(source, "no ID token (an access token alone)"), null, false);

            case ClaimSourceKind.AccessToken:
                return await AccessTokenAsync(input, cancellationToken).ConfigureAwait(false);

            case ClaimSourceKind.UserInfo:
                return input.AccessToken is not { } bearer
                    ? (NoAccessToken(source), null, true)
                    : (await _userInfo.GetAsync(bearer, input.ClientName, input.Subject, cancellationToken).ConfigureAwait(false), null, true);

            default:
                if (input.AccessToken is not { } token)
                {
                    return (NoAccessToken(source), null, true);
                }

                var document = input.Introspected ?? await _introspection.IntrospectAsync(token, input.ClientName, cancellationToken).ConfigureAwait(false);
                return (SameSubject(document, input.Subject), null, true);
        }
    }

    private async ValueTask<(SourceDocument, AccessTokenValidationResult?, bool)> AccessTokenAsync(ChainInput input, CancellationToken cancellationToken)
    {
        // A JWT access token already validated is read directly (Local); here it is validated, beside the ID token.
        const ClaimSourceKind source = ClaimSourceKind.AccessToken;
        if (input.AccessToken is not { } token)
        {
            return (NoAccessToken(source), null, true);
        }

        if (!AccessTokenValidator.LooksLikeJws(token))
        {
            return (SourceDocument.Unavailable(source, "the access token is opaque (not a JWT); its claims can only come from 'introspection'"), null, !input.AccessTokenAlone);
        }

        var validation = await _accessTokens.ValidateAsync(token, input.ClientName, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return (SourceDocument.Rejected(source, validation.Code!, $"the access token given beside the ID token is refused: {validation.Message}"), validation, true);
        }

        var document = SourceDocument.Found(source, validation.PayloadUtf8, validation.Subject);
        return (SameSubject(document, input.Subject), validation, true);
    }

    private static SourceDocument NoAccessToken(ClaimSourceKind source) =>
        SourceDocument.Unavailable(source, "no access token was given beside the ID token (KestraAuthenticationContext.AccessToken; the console's --access-token)");

    private static SourceDocument SameSubject(SourceDocument document, string subject) =>
        document.Status == SourceStatus.Found && document.Subject is { } other && !string.Equals(other, subject, StringComparison.Ordinal)
            ? SourceDocument.Rejected(document.Source, ClaimSourceErrorCodes.SubjectMismatch,
                $"the {ClaimSourceNames.Of(document.Source)} source answered for the subject '{other}', not the token's '{subject}'; the tokens belong to different users")
            : document;
}
