using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Configuration.Loading;
using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc;

/// <summary>
/// Validates an ID token and resolves it in one call. Usable without DI:
/// <c>new KestraOidcAuthenticator(options, validator, resolver)</c>; with DI, <c>services.AddKestraOidc(...)</c> registers it.
/// </summary>
public sealed class KestraOidcAuthenticator : IKestraOidcAuthenticator
{
    private readonly KestraOidcOptions _options;
    private readonly IdTokenValidator _validator;
    private readonly KestraRoleResolver _resolver;

    /// <summary>Creates the authenticator from its parts.</summary>
    public KestraOidcAuthenticator(KestraOidcOptions options, IdTokenValidator validator, KestraRoleResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(resolver);
        _options = options;
        _validator = validator;
        _resolver = resolver;
    }

    /// <inheritdoc />
    public async ValueTask<KestraAuthenticationResult> AuthenticateAsync(
        string idToken,
        string? clientName = null,
        KestraAuthenticationContext? context = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idToken);
        clientName ??= DefaultClient(nameof(clientName));
        var validation = await _validator.ValidateAsync(idToken, clientName, new IdTokenValidationContext(context?.Nonce), cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            KestraOidcMetrics.TokenRejected(clientName, validation.Failure!.Value);
            return new KestraAuthenticationResult(validation, null);
        }

        KestraOidcMetrics.TokenAccepted(clientName);
        var resolution = _resolver.ResolveValidated(validation.PayloadUtf8.Span, clientName, context is null ? null : new RoleResolutionContext
        {
            AccessTokenPayload = context.AccessTokenPayload,
            UserInfo = context.UserInfo,
        });
        return new KestraAuthenticationResult(validation, resolution);
    }

    private string DefaultClient(string parameterName) => _options.Clients.Count switch
    {
        1 => _options.Clients.Keys.First(),
        0 => throw new InvalidOperationException("no client is configured under 'micronaut.security.oauth2.clients'"),
        _ => throw new ArgumentException($"several clients are configured ({string.Join(", ", _options.Clients.Keys)}); name one", parameterName),
    };
}
