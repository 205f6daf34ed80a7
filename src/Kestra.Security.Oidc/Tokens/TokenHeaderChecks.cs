using System.Collections.Frozen;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>Form and header checks: compact JWS, an allowed <c>alg</c>, no <c>crit</c>, not an <c>at+jwt</c>. Key-bearing headers (<c>jku</c>, <c>x5u</c>, <c>jwk</c>) are ignored.</summary>
internal static class TokenHeaderChecks
{
    public static JsonWebToken? Parse(string token, FrozenSet<string> algorithms, out IdTokenCheck failure, out string message)
    {
        var dots = token.AsSpan().Count('.');
        if (dots != 2)
        {
            return Fail(IdTokenCheck.Format, dots == 4
                ? "the token is encrypted (JWE); encrypted ID tokens are not supported, turn off ID-token encryption for the client"
                : "the token is not a JWT in compact form (three base64url parts separated by dots)", out failure, out message);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            return Fail(IdTokenCheck.Format, $"the token's header or payload is not base64url-encoded JSON ({ex.GetType().Name})", out failure, out message);
        }

        var alg = jwt.Alg;
        if (string.IsNullOrEmpty(alg) || !algorithms.Contains(alg))
        {
            var why = string.IsNullOrEmpty(alg) ? "the token has no 'alg' header"
                : alg.Equals("none", StringComparison.OrdinalIgnoreCase) ? "the token is unsigned ('alg: none')"
                : alg.StartsWith("HS", StringComparison.OrdinalIgnoreCase) ? $"the token is signed with the symmetric '{alg}', never accepted for ID tokens verified with the provider's public keys"
                : $"the token's algorithm '{alg}' is not allowed";
            return Fail(IdTokenCheck.Algorithm, $"{why}; allowed: {string.Join(", ", algorithms)} ('kestra-security-oidc.validation.algorithms')", out failure, out message);
        }

        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return Fail(IdTokenCheck.CriticalHeader, "the token's header has 'crit' parameters the library does not understand; it must be refused (RFC 7515 §4.1.11)", out failure, out message);
        }

        if (jwt.Typ is { } typ && (typ.Equals("at+jwt", StringComparison.OrdinalIgnoreCase) || typ.Equals("application/at+jwt", StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(IdTokenCheck.TokenType, $"the token's 'typ' header is '{typ}': an access token, not an ID token; pass the id_token of the token response", out failure, out message);
        }

        failure = default;
        message = string.Empty;
        return jwt;
    }

    private static JsonWebToken? Fail(IdTokenCheck check, string text, out IdTokenCheck failure, out string message)
    {
        failure = check;
        message = text;
        return null;
    }
}
