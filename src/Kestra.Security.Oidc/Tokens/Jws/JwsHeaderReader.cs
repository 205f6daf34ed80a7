using System.Collections.Frozen;
using System.Text.Json;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// Reads a decoded JOSE header: a JSON object without duplicate member names at any depth, a string <c>alg</c> on the allow-list,
/// a <c>kid</c> that is a non-empty string when present, no <c>crit</c>. <c>jku</c>, <c>x5u</c> and <c>jwk</c> are skipped unread.
/// </summary>
internal static class JwsHeaderReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    public static bool TryRead(ReadOnlySpan<byte> json, FrozenSet<string> algorithms, out JwsHeader header, out TokenFailure failure)
    {
        header = default;
        failure = default;
        string? alg = null, kid = null, typ = null;
        var algPresent = false;
        var crit = false;
        var names = MemberNameSet.Rent();
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Format("the token's header is not a JSON object without duplicate parameters", out failure);
            }

            names.Push();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.Add(ref reader))
                {
                    return Format($"the token's header has the parameter '{reader.GetString()}' twice", out failure);
                }

                var isAlg = reader.ValueTextEquals("alg"u8);
                var isKid = !isAlg && reader.ValueTextEquals("kid"u8);
                var isTyp = !isAlg && !isKid && reader.ValueTextEquals("typ"u8);
                crit |= !isAlg && !isKid && !isTyp && reader.ValueTextEquals("crit"u8);
                reader.Read();
                var isString = reader.TokenType == JsonTokenType.String;
                if (isAlg)
                {
                    algPresent = true;
                    alg = isString ? Allowed(ref reader, algorithms) ?? reader.GetString() : null;
                }
                else if (isKid)
                {
                    kid = isString ? reader.GetString() : null;
                    if (kid is not { Length: > 0 })
                    {
                        return Format("the token's 'kid' header is not a non-empty string", out failure);
                    }
                }
                else if (isTyp && isString)
                {
                    typ = reader.ValueTextEquals("JWT"u8) ? "JWT" : reader.GetString();
                }

                if (!names.SkipValue(ref reader))
                {
                    return Format("the token's header has a duplicate member inside a parameter's value", out failure);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Format("the token's header is not a JSON object without duplicate parameters", out failure);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // GetString throws InvalidOperationException for invalid UTF-8 or an unpaired surrogate escape ("\ud800"):
            // found by the fuzz seed tests (docs/reliability.md).
            return Format("the token's header is not a JSON object without duplicate parameters", out failure);
        }
        finally
        {
            MemberNameSet.Return(names);
        }

        if (alg is null || !algorithms.Contains(alg))
        {
            failure = new TokenFailure(TokenCheck.Algorithm, AlgorithmPolicy.Refusal(algPresent ? alg ?? string.Empty : null, algorithms));
            return false;
        }

        if (crit)
        {
            failure = new TokenFailure(TokenCheck.CriticalHeader, "the token's header has 'crit' parameters the library does not understand; it must be refused (RFC 7515 §4.1.11)");
            return false;
        }

        header = new JwsHeader(alg, kid, typ);
        return true;
    }

    /// <summary>The allowed algorithm the reader's string equals, without allocating; <see langword="null"/> when none.</summary>
    private static string? Allowed(ref Utf8JsonReader reader, FrozenSet<string> algorithms)
    {
        foreach (var algorithm in algorithms.Items)
        {
            if (reader.ValueTextEquals(algorithm))
            {
                return algorithm;
            }
        }

        return null;
    }

    private static bool Format(string message, out TokenFailure failure)
    {
        failure = new TokenFailure(TokenCheck.Format, message);
        return false;
    }
}
