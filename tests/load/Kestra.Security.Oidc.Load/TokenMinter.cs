using System.Text.Json.Nodes;
using Kestra.Security.Oidc.IntegrationTests.Faults;

namespace Kestra.Security.Oidc.Load;

/// <summary>Mints one generation of the token pool with the fault server's current key: valid tokens and each kind of bad one.</summary>
internal sealed class TokenMinter(FaultServer server, string realm, string clientId)
{
    private const int ValidPerGeneration = 16;
    private const int BadPerKind = 4;

    public async Task<List<PooledToken>> MintAsync(int generation, bool unknownKids)
    {
        var minting = new List<Task<PooledToken>>();
        for (var i = 0; i < ValidPerGeneration; i++)
        {
            var group = $"g{generation}-{i}";
            minting.Add(Pooled(SignAsync(group, exp: 3600, aud: clientId), TokenKind.Valid, group));
        }

        for (var i = 0; i < BadPerKind; i++)
        {
            var flipAt = 10 + i;
            minting.Add(Pooled(SignAsync("tampered", exp: 3600, aud: clientId).ContinueWith(t => Tamper(t.Result, flipAt), TaskScheduler.Default), TokenKind.Tampered, "tampered"));
            minting.Add(Pooled(SignAsync("expired", exp: -3600, aud: clientId), TokenKind.Expired, "expired"));
            minting.Add(Pooled(SignAsync("other", exp: 3600, aud: "another-client"), TokenKind.WrongAudience, "other"));
            if (unknownKids)
            {
                minting.Add(Pooled(SignAsync("ghost", exp: 3600, aud: clientId, kid: $"ghost-{generation}-{i}"), TokenKind.UnknownKid, "ghost"));
            }
        }

        return [.. await Task.WhenAll(minting)];
    }

    private static async Task<PooledToken> Pooled(Task<string> token, TokenKind kind, string group) => new(await token, kind, group);

    // Changes one character inside the signature (never the last, whose spare bits may not count).
    private static string Tamper(string valid, int offset)
    {
        var position = valid.LastIndexOf('.') + 1 + offset;
        var flipped = valid[position] == 'A' ? "B" : "A";
        return string.Concat(valid.AsSpan(0, position), flipped, valid.AsSpan(position + 1));
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
