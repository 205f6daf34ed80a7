using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>The checks of SPEC §5 on the (not yet verified) payload: cheap, so a junk token is refused before any key work or network use.</summary>
internal static class IdTokenClaimChecks
{
    private static readonly DateTimeOffset MaxDate = DateTimeOffset.MaxValue;

    public static bool TryCheck(in ClaimCheckInput input, out IdTokenClaims claims, out IdTokenCheck failure, out string message)
    {
        claims = null!;
        var payload = input.Payload;
        if (payload.TryGetProperty("typ", out var typ) && !(typ.ValueKind == JsonValueKind.String && typ.ValueEquals("ID")))
        {
            return Fail(IdTokenCheck.TokenType, $"the token's 'typ' claim is {typ.GetRawText()}, not \"ID\": this is not an ID token (a Keycloak access token says \"Bearer\", a refresh token \"Refresh\"); pass the id_token of the token response", out failure, out message);
        }

        if (!payload.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || !iss.ValueEquals(input.Issuer))
        {
            var actual = iss.ValueKind == JsonValueKind.Undefined ? "none" : iss.GetRawText();
            return Fail(IdTokenCheck.Issuer, $"the token's issuer is {actual}, not '{input.Issuer}'; the token comes from another provider or realm, or Keycloak's hostname (KC_HOSTNAME) differs from the issuer users reach", out failure, out message);
        }

        if (!TryReadAudiences(payload, out var audiences))
        {
            return Fail(IdTokenCheck.Audience, "the token has no valid 'aud' (a string or an array of strings)", out failure, out message);
        }

        if (!audiences.Contains(input.ClientId, StringComparer.Ordinal))
        {
            return Fail(IdTokenCheck.Audience, $"the token's audience [{string.Join(", ", audiences)}] does not contain the client id '{input.ClientId}'; the token was issued to another client (check 'client-id')", out failure, out message);
        }

        if (payload.TryGetProperty("azp", out var azp))
        {
            if (azp.ValueKind != JsonValueKind.String || !azp.ValueEquals(input.ClientId))
            {
                return Fail(IdTokenCheck.AuthorizedParty, $"the token's authorized party 'azp' is {azp.GetRawText()}, not the client id '{input.ClientId}'", out failure, out message);
            }
        }
        else if (audiences.Count > 1)
        {
            return Fail(IdTokenCheck.AuthorizedParty, $"the token has {audiences.Count} audiences but no 'azp' naming the client it was issued to", out failure, out message);
        }

        if (!payload.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || sub.GetString() is not { Length: > 0 } subject)
        {
            return Fail(IdTokenCheck.MissingSubject, "the token has no 'sub' (a non-empty string identifying the user)", out failure, out message);
        }

        if (!TryReadDate(payload, "exp", out var expiresAt))
        {
            return Fail(IdTokenCheck.MissingExpiry, "the token has no valid 'exp' (a NumericDate)", out failure, out message);
        }

        if (input.Now >= Add(expiresAt, input.ClockSkew))
        {
            return Fail(IdTokenCheck.Expired, $"the token expired at {expiresAt:O} (clock skew {input.ClockSkew.TotalSeconds:0} s); sign in again, or check this host's clock", out failure, out message);
        }

        if (payload.TryGetProperty("nbf", out _))
        {
            if (!TryReadDate(payload, "nbf", out var notBefore))
            {
                return Fail(IdTokenCheck.NotYetValid, "the token's 'nbf' is not a NumericDate", out failure, out message);
            }

            if (Add(input.Now, input.ClockSkew) < notBefore)
            {
                return Fail(IdTokenCheck.NotYetValid, $"the token is not valid before {notBefore:O} (clock skew {input.ClockSkew.TotalSeconds:0} s); check this host's clock", out failure, out message);
            }
        }

        if (input.Nonce is not null && !NonceMatches(payload, input.Nonce))
        {
            return Fail(IdTokenCheck.Nonce, "the token's 'nonce' is missing or differs from the nonce of the authentication request (a replayed or mixed-up response)", out failure, out message);
        }

        claims = new IdTokenClaims(payload, input.Issuer, subject, audiences, expiresAt);
        failure = default;
        message = string.Empty;
        return true;
    }

    private static bool TryReadAudiences(JsonElement payload, out List<string> audiences)
    {
        audiences = [];
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            audiences.Add(aud.GetString()!);
            return true;
        }

        if (aud.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            audiences.Add(item.GetString()!);
        }

        return audiences.Count > 0;
    }

    private static bool TryReadDate(JsonElement payload, string name, out DateTimeOffset value)
    {
        value = default;
        if (!payload.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var seconds)
            || double.IsNaN(seconds) || seconds < 0 || seconds > 253_402_300_799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }

    private static bool NonceMatches(JsonElement payload, string expected)
    {
        if (!payload.TryGetProperty("nonce", out var nonce) || nonce.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var actual = Encoding.UTF8.GetBytes(nonce.GetString()!);
        return CryptographicOperations.FixedTimeEquals(actual, Encoding.UTF8.GetBytes(expected));
    }

    private static DateTimeOffset Add(DateTimeOffset value, TimeSpan delta) =>
        MaxDate - value < delta ? MaxDate : value + delta;

    private static bool Fail(IdTokenCheck check, string text, out IdTokenCheck failure, out string message)
    {
        failure = check;
        message = text;
        return false;
    }
}
