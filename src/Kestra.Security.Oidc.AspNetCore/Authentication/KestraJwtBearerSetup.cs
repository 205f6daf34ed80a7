using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// Configures one JwtBearer scheme: token validation by the library (<see cref="KestraAccessTokenHandler"/>), which fetches
/// metadata and keys through its own discovery, and <c>error_description</c> from the library's message (with its code).
/// </summary>
internal sealed class KestraJwtBearerSetup(KestraBearerRegistration registration, IServiceProvider services) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != registration.Scheme)
        {
            return;
        }

        options.UseSecurityTokenValidators = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new KestraAccessTokenHandler(services, registration.Client));
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = true;
        options.SaveToken = false;
        options.RefreshOnIssuerKeyNotFound = false; // the library refetches keys itself
        options.TokenValidationParameters.AuthenticationType = registration.Scheme;
        options.TokenValidationParameters.NameClaimType = KestraTokenIdentity.NameType;
        options.TokenValidationParameters.RoleClaimType = KestraClaimTypes.Role;
        options.Events.OnChallenge = context =>
        {
            if (context.AuthenticateFailure is { } failure && Unwrap(failure) is { } ours)
            {
                context.Error = "invalid_token";
                context.ErrorDescription = AccessTokenFailures.Describe(ours.Message);
            }

            return Task.CompletedTask;
        };
    }

    private static Exception? Unwrap(Exception failure) =>
        failure is AggregateException aggregate
            ? aggregate.InnerExceptions.FirstOrDefault(e => e.Data.Contains(AccessTokenFailures.CodeKey))
            : failure.Data.Contains(AccessTokenFailures.CodeKey) ? failure : null;
}
