using System.Text.Json;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>Reads the audiences of a payload's <c>aud</c> (a string, or an array of strings) where they lie, without copying the payload.</summary>
internal static class AudienceList
{
    /// <summary>Whether one of the audiences equals <paramref name="expected"/>.</summary>
    public static bool Contains(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string expected)
    {
        if (claims.Audience.IsString)
        {
            return claims.Audience.TextEquals(payload, expected);
        }

        var reader = ArrayReader(payload, claims.Audience);
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals(expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The audience rule of ID and logout tokens: <c>aud</c> a string or an array of strings that contains the client id; else
    /// the failure, ending with <paramref name="consequence"/> (what a foreign audience means for this kind of token).
    /// </summary>
    public static TokenFailure? Check(ReadOnlySpan<byte> payload, in RegisteredClaims claims, string clientId, string consequence)
    {
        if (claims.AudienceCount == 0)
        {
            return new TokenFailure(TokenCheck.Audience, $"the token's 'aud' is {(claims.Audience.IsPresent ? "not a string or an array of strings" : "missing")}");
        }

        return Contains(payload, claims, clientId)
            ? null
            : new TokenFailure(TokenCheck.Audience, $"the token's audience [{string.Join(", ", ToList(payload, claims))}] does not contain the client id '{clientId}'; {consequence}");
    }

    /// <summary>The configured client id of <paramref name="clientName"/> (empty when it has none).</summary>
    public static string ClientIdOf(KestraOidcOptions options, string clientName) =>
        options.Clients.TryGetValue(clientName, out var client) ? client.ClientId ?? string.Empty : string.Empty;

    /// <summary>The audiences as strings (empty when <c>aud</c> is not a string or an array of strings).</summary>
    public static IReadOnlyList<string> ToList(ReadOnlySpan<byte> payload, in RegisteredClaims claims) =>
        ToList(payload, new AudienceClaim(claims.Audience, claims.AudienceCount));

    /// <summary>The audiences of <paramref name="audience"/>, located in <paramref name="payload"/>, as strings.</summary>
    public static IReadOnlyList<string> ToList(ReadOnlySpan<byte> payload, AudienceClaim audience)
    {
        if (audience.Count == 0)
        {
            return [];
        }

        if (audience.Value.IsString)
        {
            return [audience.Value.GetString(payload)!];
        }

        var audiences = new string[audience.Count];
        var reader = ArrayReader(payload, audience.Value);
        for (var i = 0; i < audiences.Length && reader.Read(); i++)
        {
            audiences[i] = reader.GetString()!;
        }

        return audiences;
    }

    private static Utf8JsonReader ArrayReader(ReadOnlySpan<byte> payload, ClaimValue audience)
    {
        var reader = new Utf8JsonReader(payload.Slice(audience.Start, audience.Length));
        reader.Read();
        return reader;
    }
}

/// <summary>Where a validated payload's <c>aud</c> lies and how many audiences it names: a result decodes them only when asked (issue 15).</summary>
internal readonly record struct AudienceClaim(ClaimValue Value, int Count)
{
    public static AudienceClaim Of(in RegisteredClaims claims) => new(claims.Audience, claims.AudienceCount);
}
