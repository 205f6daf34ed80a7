using System.Text.Json;
using Kestra.Security.Oidc.AspNetCore.Diagnostics;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.State;
using Kestra.Security.Oidc.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>
/// <c>POST /oauth/backchannel-logout/{client}</c> (OIDC Back-Channel Logout 1.0 §2.5–2.8): the form field <c>logout_token</c>
/// is validated strictly (<see cref="LogoutTokenValidator"/>), then its <c>sid</c> (or <c>sub</c>) is revoked on every
/// instance. 200 on success; 400 <c>{"error":"invalid_request","error_description":…}</c> otherwise; always <c>no-store</c>.
/// </summary>
internal static class BackchannelLogoutEndpoint
{
    public const string Pattern = "/oauth/backchannel-logout/{client}";
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>A plain <see cref="RequestDelegate"/> (no delegate binding, so trimming and Native AOT are safe).</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        var client = context.Request.RouteValues["client"] as string ?? string.Empty;
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BackchannelLogoutEndpoint).FullName!);
        var options = services.GetRequiredService<IOptionsMonitor<KestraOidcOptions>>().CurrentValue;
        if (!options.Clients.TryGetValue(client, out var configured) || !configured.Enabled)
        {
            await RefuseAsync(context, logger, client, $"{SharedStateCodes.LogoutUnknownClient}: there is no enabled client '{client}' under 'micronaut.security.oauth2.clients'").ConfigureAwait(false);
            return;
        }

        if (await ReadTokenAsync(context).ConfigureAwait(false) is not { } token)
        {
            await RefuseAsync(context, logger, client, $"{SharedStateCodes.LogoutMalformedRequest}: expected a form (application/x-www-form-urlencoded, at most {MaxBodyBytes / 1024} KiB) with exactly one 'logout_token'").ConfigureAwait(false);
            return;
        }

        LogoutTokenValidationResult result;
        try
        {
            result = await services.GetRequiredService<LogoutTokenValidator>().ValidateAsync(token, client, context.RequestAborted).ConfigureAwait(false);
        }
        catch (DiscoveryException ex)
        {
            await RefuseAsync(context, logger, client, $"{ex.Code}: the provider's keys could not be obtained to check the logout token: {ex.Message}").ConfigureAwait(false);
            return;
        }

        if (!result.IsValid)
        {
            await RefuseAsync(context, logger, client, result.Message).ConfigureAwait(false);
            return;
        }

        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var issuedAt = result.IssuedAt!.Value;
        var revocation = new SessionRevocation(result.Issuer!, result.SessionId, result.Subject, issuedAt,
            (issuedAt > now ? issuedAt : now) + options.Extensions.SharedCache.RevocationRetention);
        var shared = await services.GetRequiredService<ISessionRevocationStore>().RevokeAsync(revocation, context.RequestAborted).ConfigureAwait(false);
        LogoutLog.SessionEnded(logger, client, result.SessionId is null ? "every session of the subject" : "the session (sid)", shared);
        response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task<string?> ReadTokenAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType || request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            return form.TryGetValue("logout_token", out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static async Task RefuseAsync(HttpContext context, ILogger logger, string client, string description)
    {
        LogoutLog.Refused(logger, client, description);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(response.Body);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("error", "invalid_request");
            writer.WriteString("error_description", description);
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }
}
