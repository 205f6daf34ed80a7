using System.Text.Json.Nodes;
using Kestra.Security.Oidc.IntegrationTests.Faults;

namespace Kestra.Security.Oidc.Load;

/// <summary>Mints one generation of the token pool with the fault server's current key: valid tokens and each kind of bad one.</summary>
internal sealed class TokenMinter(FaultServer server, string realm, string clientId)
{
    private const int ValidPerGeneration = 16;
    private const int BadPerKind = 4;

    public async Task<List<PooledToken>> MintAsync(int generation)
    {
        var tokens = new List<PooledToken>();
        for (var i = 0; i < ValidPerGeneration; i++)
        {
            var group = $"g{generation}-{i}";
            tokens.Add(new PooledToken(await SignAsync(group, exp: 3600, aud: clientId), TokenKind.Valid, group));
        }

        for (var i = 0; i < BadPerKind; i++)
        {
            var valid = await SignAsync("tampered", exp: 3600, aud: clientId);
            var signatureStart = valid.LastIndexOf('.') + 1;
            var position = signatureStart + 10 + i;
            var flipped = valid[position] == 'A' ? 'B' : 'A';
            tokens.Add(new PooledToken(string.Concat(valid.AsSpan(0, position), new string(flipped, 1), valid.AsSpan(position + 1)), TokenKind.Tampered, "tampered"));
            tokens.Add(new PooledToken(await SignAsync("expired", exp: -3600, aud: clientId), TokenKind.Expired, "expired"));
            tokens.Add(new PooledToken(await SignAsync("other", exp: 3600, aud: "another-client"), TokenKind.WrongAudience, "other"));
            tokens.Add(new PooledToken(await SignAsync("ghost", exp: 3600, aud: clientId, kid: $"ghost-{generation}-{i}"), TokenKind.UnknownKid, "ghost"));
        }

        return tokens;
    }

    private Task<string> SignAsync(string group, long exp, string aud, string? kid = null)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = server.IssuerOf(realm).AbsoluteUri,
            ["aud"] = aud,
            ["azp"] = aud,
            ["sub"] = $"user-{group}",
            ["exp"] = now + exp,
            ["iat"] = now,
            ["typ"] = "ID",
            ["resource_access"] = new JsonObject { [clientId] = new JsonObject { ["roles"] = new JsonArray(group) } },
        };
        return server.SignAsync(realm, claims, kid is null ? null : new JsonObject { ["kid"] = kid });
    }
}
