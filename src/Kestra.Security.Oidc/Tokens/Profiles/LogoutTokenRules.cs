using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>
/// The logout-token rules that come after the JWS core's checks (signature, <c>iss</c>, <c>aud</c>, <c>iat</c>, <c>exp</c>):
/// the token's kind, no <c>nonce</c>, the back-channel logout event, <c>jti</c>, and <c>sid</c> and/or <c>sub</c>.
/// Pure: no key, clock or replay cache.
/// </summary>
internal static class LogoutTokenRules
{
    public const string BackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
    public const string HeaderType = "logout+jwt";
    public const string KeycloakPayloadType = "Logout";

    /// <summary>Checks the rules in a fixed order (kind first, so an ID or access token is named as the wrong kind).</summary>
    public static LogoutTokenClaims Check(string? headerType, JsonElement payload)
    {
        if (CheckType(headerType, payload) is { } typeError)
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.TokenType, typeError);
        }

        if (payload.TryGetProperty("nonce", out _))
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.Nonce, "the token carries a 'nonce': a logout token never does (this looks like an ID token)");
        }

        if (!payload.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object)
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.Events, $"the token has no 'events' object; a logout token's 'events' holds '{BackchannelLogoutEvent}'");
        }

        if (!events.TryGetProperty(BackchannelLogoutEvent, out var logoutEvent) || logoutEvent.ValueKind != JsonValueKind.Object)
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.Events, $"'events' does not hold '{BackchannelLogoutEvent}' with an object value");
        }

        if (!TryReadIdentifier(payload, "jti", out var jti, out var jtiPresent) || !jtiPresent)
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.TokenId, "the token has no 'jti' (a non-empty string): a logout token must be identifiable so it is never accepted twice");
        }

        if (!TryReadIdentifier(payload, "sid", out var sid, out _) || !TryReadIdentifier(payload, "sub", out var sub, out _))
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.SessionOrSubject, "'sid' and 'sub', when present, must be non-empty strings");
        }

        if (sid is null && sub is null)
        {
            return LogoutTokenClaims.Fail(LogoutTokenRule.SessionOrSubject, "the token has neither 'sid' nor 'sub': it does not say which session to end");
        }

        return new LogoutTokenClaims(null, null, jti, sid, sub);
    }

    private static string? CheckType(string? headerType, JsonElement payload)
    {
        var header = headerType is null ? null : StripApplication(headerType);
        var headerSaysLogout = string.Equals(header, HeaderType, StringComparison.OrdinalIgnoreCase);
        if (header is not null && !headerSaysLogout && !string.Equals(header, "JWT", StringComparison.OrdinalIgnoreCase))
        {
            return $"the header 'typ' is '{Shown(headerType)}': not a logout token (expected '{HeaderType}')";
        }

        string? payloadType = null;
        if (payload.TryGetProperty("typ", out var typ))
        {
            payloadType = typ.ValueKind == JsonValueKind.String ? typ.GetString() : typ.GetRawText();
            if (!string.Equals(payloadType, KeycloakPayloadType, StringComparison.Ordinal))
            {
                return $"the token's 'typ' claim is '{Shown(payloadType)}': not a logout token (Keycloak's logout tokens say '{KeycloakPayloadType}')";
            }
        }

        return headerSaysLogout || payloadType is not null
            ? null
            : $"the token says neither header 'typ: {HeaderType}' nor claim 'typ: {KeycloakPayloadType}' (Keycloak): not recognisable as a logout token";
    }

    /// <summary>A value from the token, cut to 40 characters for messages and logs.</summary>
    private static string Shown(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";

    private static string StripApplication(string type) =>
        type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? type["application/".Length..] : type;

    /// <summary>An absent member is fine (<paramref name="value"/> null); a present one must be a non-empty string.</summary>
    private static bool TryReadIdentifier(JsonElement payload, string name, out string? value, out bool present)
    {
        value = null;
        present = payload.TryGetProperty(name, out var element);
        if (!present)
        {
            return true;
        }

        value = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return !string.IsNullOrEmpty(value);
    }
}
