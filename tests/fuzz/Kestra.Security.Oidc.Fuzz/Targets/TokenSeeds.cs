using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>The seed tokens of the <c>token</c> target (<c>kestra-oidc-fuzz seed token DIR</c> writes them): one valid, the rest each broken one way.</summary>
internal static class TokenSeeds
{
    public static IEnumerable<(string Name, string Token)> All()
    {
        var now = FuzzIssuer.Now.ToUnixTimeSeconds();
        JsonObject Header(string? kid = FuzzSigningKey.Kid) => kid is null ? new() { ["alg"] = "RS256", ["typ"] = "JWT" } : new() { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = kid };
        JsonObject Claims() => new()
        {
            ["iss"] = FuzzIssuer.Issuer, ["aud"] = FuzzIssuer.ClientId, ["azp"] = FuzzIssuer.ClientId, ["sub"] = "f:1b2c:alice",
            ["exp"] = now + 300, ["iat"] = now - 10, ["auth_time"] = now - 20, ["nonce"] = FuzzIssuer.Nonce, ["typ"] = "ID",
            ["preferred_username"] = "alice", ["resource_access"] = new JsonObject { ["kestra"] = new JsonObject { ["roles"] = new JsonArray("editor") } },
        };
        JsonObject With(Action<JsonObject> change)
        {
            var claims = Claims();
            change(claims);
            return claims;
        }

        yield return ("valid", FuzzIssuer.Sign(Header(), Claims()));
        yield return ("valid-without-kid", FuzzIssuer.Sign(Header(null), Claims()));
        yield return ("valid-two-audiences-with-azp", FuzzIssuer.Sign(Header(), With(c => c["aud"] = new JsonArray(FuzzIssuer.ClientId, "account"))));
        yield return ("two-audiences-without-azp", FuzzIssuer.Sign(Header(), With(c => { c["aud"] = new JsonArray(FuzzIssuer.ClientId, "account"); c.Remove("azp"); })));
        yield return ("expired", FuzzIssuer.Sign(Header(), With(c => c["exp"] = now - 61)));
        yield return ("not-yet-valid", FuzzIssuer.Sign(Header(), With(c => c["nbf"] = now + 120)));
        yield return ("wrong-issuer", FuzzIssuer.Sign(Header(), With(c => c["iss"] = FuzzIssuer.Issuer + "/")));
        yield return ("wrong-audience", FuzzIssuer.Sign(Header(), With(c => c["aud"] = "account")));
        yield return ("access-token-typ", FuzzIssuer.Sign(Header(), With(c => c["typ"] = "Bearer")));
        yield return ("no-subject", FuzzIssuer.Sign(Header(), With(c => c.Remove("sub"))));
        yield return ("no-expiry", FuzzIssuer.Sign(Header(), With(c => c.Remove("exp"))));
        yield return ("wrong-nonce", FuzzIssuer.Sign(Header(), With(c => c["nonce"] = "replayed")));
        yield return ("duplicate-sub", FuzzIssuer.Sign(Header().ToJsonString(), Claims().ToJsonString().TrimEnd('}') + ",\"sub\":\"mallory\"}"));
        yield return ("unknown-kid", FuzzIssuer.Sign(Header("rotated-away"), Claims()));
        yield return ("encryption-key-kid", FuzzIssuer.Sign(Header("fuzz-enc-key"), Claims()));
        yield return ("crit-header", FuzzIssuer.Sign(new JsonObject { ["alg"] = "RS256", ["kid"] = FuzzSigningKey.Kid, ["crit"] = new JsonArray("exp"), ["exp"] = 1 }, Claims()));
        yield return ("jku-header", FuzzIssuer.Sign(new JsonObject { ["alg"] = "RS256", ["kid"] = "attacker", ["jku"] = "https://attacker.invalid/jwks" }, Claims()));
        yield return ("at-jwt-typ", FuzzIssuer.Sign(new JsonObject { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = FuzzSigningKey.Kid }, Claims()));
        yield return ("alg-none", $"{B64(new JsonObject { ["alg"] = "none" })}.{B64(Claims())}.");
        yield return ("hs256-with-jwks-oct-key", Hs256(new JsonObject { ["alg"] = "HS256", ["kid"] = "fuzz-hmac-key" }, Claims()));
        yield return ("tampered-payload", Tamper(FuzzIssuer.Sign(Header(), Claims())));
        yield return ("jwe-shape", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d");
    }

    private static string B64(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Hs256(JsonObject header, JsonObject claims)
    {
        var input = $"{B64(header)}.{B64(claims)}";
        var mac = HMACSHA256.HashData(Encoding.ASCII.GetBytes(FuzzSigningKey.HmacSecret), Encoding.ASCII.GetBytes(input));
        return $"{input}.{Base64Url.EncodeToString(mac)}";
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        claims["sub"] = "admin";
        return $"{parts[0]}.{B64(claims)}.{parts[2]}";
    }
}
