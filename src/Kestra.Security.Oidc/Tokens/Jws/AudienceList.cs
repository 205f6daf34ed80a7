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

        var reader = ArrayReader(payload, claims);
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
    public static IReadOnlyList<string> ToList(ReadOnlySpan<byte> payload, in RegisteredClaims claims)
    {
        if (claims.AudienceCount == 0)
        {
            return [];
        }

        if (claims.Audience.IsString)
        {
            return [claims.Audience.GetString(payload)!];
        }

        var audiences = new string[claims.AudienceCount];
        var reader = ArrayReader(payload, claims);
        for (var i = 0; i < audiences.Length && reader.Read(); i++)
        {
            audiences[i] = reader.GetString()!;
        }

        return audiences;
    }

    private static Utf8JsonReader ArrayReader(ReadOnlySpan<byte> payload, in RegisteredClaims claims)
    {
        var reader = new Utf8JsonReader(payload.Slice(claims.Audience.Start, claims.Audience.Length));
        reader.Read();
        return reader;
    }
}
