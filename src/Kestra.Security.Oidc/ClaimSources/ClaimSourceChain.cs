using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>
/// Reads the groups from the first claim source, in the order of <c>kestra-security-oidc.claim-sources</c>, whose
/// <c>groups-claim-path</c> yields at least one group (SPEC §7). A source that cannot be used is skipped with a warning; a
/// source that refuses the token (inactive, another subject) fails the authentication. Network sources are asked only when
/// the sources before them gave no group.
/// </summary>
internal sealed class ClaimSourceChain(
    KestraOidcOptions options,
    KestraRoleResolver resolver,
    AccessTokenValidator accessTokens,
    IntrospectionClient introspection,
    UserInfoClient userInfo)
{
    public async ValueTask<ChainOutcome> ResolveAsync(ChainInput input, RoleResolutionContext? context, CancellationToken cancellationToken)
    {
        var attempts = new List<ClaimSourceAttempt>();
        var warnings = new List<ResolutionWarning>();
        if (resolver.GroupsClaimPath is null)
        {
            attempts.Add(new ClaimSourceAttempt(Order(input)[0], 0, "not read: 'kestra.security.oidc.groups-claim-path' is not set"));
            return Done(resolver.ResolveValidated(input.Identity.Span, input.ClientName, context), null, attempts, warnings, null);
        }

        RoleResolution? first = null;
        AccessTokenValidationResult? accessValidation = null;
        foreach (var source in Order(input))
        {
            var (document, validation, warn) = await ObtainAsync(source, input, cancellationToken).ConfigureAwait(false);
            accessValidation ??= validation;
            if (document.Status == SourceStatus.Rejected)
            {
                return new ChainOutcome(null, document.Code, document.Message, accessValidation);
            }

            if (document.Status == SourceStatus.Unavailable)
            {
                attempts.Add(new ClaimSourceAttempt(source, 0, $"skipped: {document.Message}"));
                if (warn)
                {
                    warnings.Add(new ResolutionWarning(ClaimSourceErrorCodes.SourceSkipped, $"claim source '{ClaimSourceNames.Of(source)}' skipped: {document.Message}"));
                }

                continue;
            }

            var resolution = resolver.ResolveValidated(input.Identity.Span, document.PayloadUtf8.Span, input.ClientName, context);
            if (resolution.Groups.Count > 0)
            {
                attempts.Add(new ClaimSourceAttempt(source, resolution.Groups.Count, $"{resolution.Groups.Count} group(s) at '{resolver.GroupsClaimPath.Text}'"));
                return Done(resolution, source, attempts, warnings, accessValidation);
            }

            attempts.Add(new ClaimSourceAttempt(source, 0, $"no group at '{resolver.GroupsClaimPath.Text}'"));
            first ??= resolution;
        }

        return Done(first ?? resolver.ResolveValidated(input.Identity.Span, input.ClientName, context), null, attempts, warnings, accessValidation);
    }

    private static ChainOutcome Done(RoleResolution resolution, ClaimSourceKind? from, List<ClaimSourceAttempt> attempts, List<ResolutionWarning> warnings, AccessTokenValidationResult? accessValidation) =>
        new(resolution.WithClaimSources(from, attempts.AsReadOnly(), warnings.AsReadOnly()), null, null, accessValidation);

    /// <summary>The configured order; an access token alone is always read first when the list does not name it.</summary>
    private List<ClaimSourceKind> Order(ChainInput input)
    {
        var order = options.Extensions.ClaimSources.Distinct().ToList();
        if (input.AccessTokenAlone && input.AccessTokenPayload is not null && !order.Contains(ClaimSourceKind.AccessToken))
        {
            order.Insert(0, ClaimSourceKind.AccessToken);
        }

        if (input.Introspected is not null && !order.Contains(ClaimSourceKind.Introspection))
        {
            order.Add(ClaimSourceKind.Introspection);
        }

        return order.Count == 0 ? [ClaimSourceKind.IdToken] : order;
    }

    private async ValueTask<(SourceDocument Document, AccessTokenValidationResult? Validation, bool Warn)> ObtainAsync(ClaimSourceKind source, ChainInput input, CancellationToken cancellationToken)
    {
        switch (source)
        {
            case ClaimSourceKind.IdToken:
                return input.IdToken is { } idToken
                    ? (SourceDocument.Found(source, idToken), null, false)
                    : (SourceDocument.Unavailable(source, "no ID token (an access token alone)"), null, !input.AccessTokenAlone);

            case ClaimSourceKind.AccessToken:
                return await AccessTokenAsync(input, cancellationToken).ConfigureAwait(false);

            case ClaimSourceKind.UserInfo:
                return input.AccessToken is not { } bearer
                    ? (NoAccessToken(source), null, true)
                    : (await userInfo.GetAsync(bearer, input.ClientName, input.Subject, cancellationToken).ConfigureAwait(false), null, true);

            default:
                if (input.AccessToken is not { } token)
                {
                    return (NoAccessToken(source), null, true);
                }

                var document = input.Introspected ?? await introspection.IntrospectAsync(token, input.ClientName, cancellationToken).ConfigureAwait(false);
                return (SameSubject(document, input.Subject), null, true);
        }
    }

    private async ValueTask<(SourceDocument, AccessTokenValidationResult?, bool)> AccessTokenAsync(ChainInput input, CancellationToken cancellationToken)
    {
        const ClaimSourceKind source = ClaimSourceKind.AccessToken;
        if (input.AccessTokenPayload is { } payload)
        {
            return (SourceDocument.Found(source, payload), null, false);
        }

        if (input.AccessToken is not { } token)
        {
            return (NoAccessToken(source), null, true);
        }

        if (!AccessTokenValidator.LooksLikeJws(token))
        {
            return (SourceDocument.Unavailable(source, "the access token is opaque (not a JWT); its claims can only come from 'introspection'"), null, !input.AccessTokenAlone);
        }

        var validation = await accessTokens.ValidateAsync(token, input.ClientName, cancellationToken).ConfigureAwait(false);
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
