using System.Text.Json;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens.Profiles;

/// <summary>
/// The logout-token rules of SPEC §9 (OIDC Back-Channel Logout 1.0 §2.4) on top of the JWS core: not another kind (header
/// <c>typ</c>, Keycloak's <c>typ</c> claim), no <c>nonce</c>, the back-channel logout event, <c>aud</c> contains the client
/// id, a <c>jti</c>, and <c>sid</c> and/or <c>sub</c>. The core checks <c>iss</c>, <c>iat</c> and <c>exp</c>. That the token
/// says it is a logout token (header or claim) and the replay check come after the signature, in <see cref="LogoutTokenValidator"/>.
/// </summary>
internal sealed class LogoutTokenProfile(KestraOidcOptions options) : ITokenProfile<LogoutTokenProfile.Context>
{
    public const string BackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
    public const string KeycloakType = "Logout";

    public string Kind => "logout token";

    public TokenFailure? CheckHeader(in JwsHeader header) =>
        header.Typ is { } typ && !IsLogoutHeaderType(typ) && !typ.Equals("JWT", StringComparison.OrdinalIgnoreCase)
            ? new TokenFailure(TokenCheck.TokenType, $"the token's 'typ' header is '{Shown(typ)}': not a logout token (expected 'logout+jwt')")
            : null;

    public TokenFailure? CheckKind(ReadOnlySpan<byte> payload, in RegisteredClaims claims)
    {
        if (claims.Type.IsPresent && !claims.Type.TextEquals(payload, KeycloakType))
        {
            return new TokenFailure(TokenCheck.TokenType, $"the token's 'typ' claim is {Shown(claims.Type.Describe(payload))}, not \"{KeycloakType}\": not a logout token (a Keycloak ID token says \"ID\", an access token \"Bearer\")");
        }

        if (claims.Nonce.IsPresent)
        {
            return new TokenFailure(TokenCheck.Nonce, "the token carries a 'nonce': a logout token never does (this looks like an ID token)");
        }

        return HoldsLogoutEvent(payload, claims.Events)
            ? null
            : new TokenFailure(TokenCheck.Events, $"the token's 'events' is {claims.Events.Describe(payload)}; a logout token's 'events' holds '{BackchannelLogoutEvent}' with an object value");
    }

    public TokenFailure? CheckClaims(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string clientName, in Context context)
    {
        if (AudienceList.Check(payload, claims, AudienceList.ClientIdOf(options, clientName), "the logout is for another client") is { } audienceFailure)
        {
            return audienceFailure;
        }

        if (!IsIdentifier(claims.JwtId, mayBeAbsent: false))
        {
            return new TokenFailure(TokenCheck.TokenId, $"the token's 'jti' is {claims.JwtId.Describe(payload)}; a logout token needs one (a non-empty string) so it is never accepted twice");
        }

        if (!claims.SessionId.IsPresent && !claims.Subject.IsPresent)
        {
            return new TokenFailure(TokenCheck.SessionOrSubject, "the token has neither 'sid' nor 'sub': it does not say which session to end");
        }

        return IsIdentifier(claims.SessionId, mayBeAbsent: true) && IsIdentifier(claims.Subject, mayBeAbsent: true)
            ? null
            : new TokenFailure(TokenCheck.SessionOrSubject, "the token's 'sid' and 'sub', when present, must be non-empty strings");
    }

    /// <summary>Whether the token says it is a logout token: header <c>typ: logout+jwt</c>, or Keycloak's claim <c>typ: Logout</c>.</summary>
    public static TokenFailure? CheckMarked(in JwsHeader header, ReadOnlySpan<byte> payload, in RegisteredClaims claims) =>
        (header.Typ is { } typ && IsLogoutHeaderType(typ)) || claims.Type.TextEquals(payload, KeycloakType)
            ? null
            : new TokenFailure(TokenCheck.TokenType, $"the token says neither header 'typ: logout+jwt' nor claim 'typ: {KeycloakType}' (Keycloak): not recognisable as a logout token");

    /// <summary>The public <see cref="LogoutTokenCheck"/> of a core or profile check, written out (never an enum position).</summary>
    public static LogoutTokenCheck ToPublic(TokenCheck check) => check switch
    {
        TokenCheck.Size => LogoutTokenCheck.Size,
        TokenCheck.Format => LogoutTokenCheck.Format,
        TokenCheck.Algorithm => LogoutTokenCheck.Algorithm,
        TokenCheck.CriticalHeader => LogoutTokenCheck.CriticalHeader,
        TokenCheck.Signature => LogoutTokenCheck.Signature,
        TokenCheck.UnknownKey => LogoutTokenCheck.UnknownKey,
        TokenCheck.Issuer => LogoutTokenCheck.Issuer,
        TokenCheck.Audience => LogoutTokenCheck.Audience,
        TokenCheck.Expired => LogoutTokenCheck.Expired,
        TokenCheck.NotYetValid => LogoutTokenCheck.NotYetValid,
        TokenCheck.MissingExpiry => LogoutTokenCheck.MissingExpiry,
        TokenCheck.IssuedAt => LogoutTokenCheck.IssuedAt,
        TokenCheck.TokenType => LogoutTokenCheck.TokenType,
        TokenCheck.Nonce => LogoutTokenCheck.Nonce,
        TokenCheck.Events => LogoutTokenCheck.Events,
        TokenCheck.TokenId => LogoutTokenCheck.TokenId,
        TokenCheck.SessionOrSubject => LogoutTokenCheck.SessionOrSubject,
        TokenCheck.Replayed => LogoutTokenCheck.Replayed,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a check of logout tokens"),
    };

    private static bool IsLogoutHeaderType(string typ) =>
        typ.Equals("logout+jwt", StringComparison.OrdinalIgnoreCase) || typ.Equals("application/logout+jwt", StringComparison.OrdinalIgnoreCase);

    private static bool IsIdentifier(ClaimValue value, bool mayBeAbsent) =>
        value.IsPresent ? value.IsString && value.Length > 0 : mayBeAbsent;

    /// <summary>Whether <c>events</c> is an object with the back-channel logout event as an object member (the payload was read strictly before).</summary>
    private static bool HoldsLogoutEvent(ReadOnlySpan<byte> payload, ClaimValue events)
    {
        if (events.Kind != JsonValueKind.Object)
        {
            return false;
        }

        var reader = new Utf8JsonReader(payload[events.Start..]);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isLogout = reader.ValueTextEquals(BackchannelLogoutEvent);
            reader.Read();
            if (isLogout)
            {
                return reader.TokenType == JsonTokenType.StartObject;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>A value from the token, cut to 40 characters for messages and logs.</summary>
    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>Nothing is known about a logout token before it is read.</summary>
    internal readonly record struct Context;
}
