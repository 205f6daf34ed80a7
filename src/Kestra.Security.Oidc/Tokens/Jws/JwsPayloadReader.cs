using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// One <see cref="Utf8JsonReader"/> pass over a JWS payload: valid UTF-8 throughout, a single JSON object, no duplicate member
/// name at any depth, and the registered claims located (<see cref="RegisteredClaims"/>); their escaped strings are checked to
/// decode without unpaired surrogate escapes. Far cheaper than building a strict <see cref="JsonDocument"/>, and allocation-free.
/// </summary>
internal static class JwsPayloadReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    public static bool TryRead(ReadOnlySpan<byte> payload, out RegisteredClaims claims, out string error) =>
        TryRead(payload, default, default, out claims, out error);

    /// <summary>
    /// Like <see cref="TryRead(ReadOnlySpan{byte}, out RegisteredClaims, out string)"/>, and locates the top-level member named
    /// <paramref name="locate"/> (<see cref="RegisteredClaims.LocatedStart"/>) unless a top-level member is named
    /// <paramref name="unlessNamed"/> (a claim named like the whole groups path, which the literal rule reads instead: then
    /// nothing is located, and the resolver walks the payload from the top).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> locate, ReadOnlySpan<byte> unlessNamed, out RegisteredClaims claims, out string error)
    {
        // JSON text is UTF-8 (RFC 8259 §8.1): checked once for the whole payload, names and every claim included; the reader
        // itself does not look inside strings, and one vectorized pass is cheaper than one per claim (issue 15).
        if (!Utf8.IsValid(payload))
        {
            claims = default;
            error = "the token's payload is not valid UTF-8 (RFC 8259 §8.1: JSON text is UTF-8)";
            return false;
        }

        var literalSeen = false;
        claims = default;
        error = string.Empty;
        var names = MemberNameSet.Rent();
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "the token's payload is not a JSON object";
                return false;
            }

            names.Push();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!names.Add(ref reader))
                {
                    error = $"the token's payload has the claim '{reader.GetString()}' twice";
                    return false;
                }

                ref var slot = ref Slot(ref reader, ref claims, out var isAudience);
                var located = !locate.IsEmpty && claims.LocatedStart == 0 && IsNamed(ref reader, locate);
                literalSeen |= !unlessNamed.IsEmpty && IsNamed(ref reader, unlessNamed);
                reader.Read();
                if (located)
                {
                    claims.LocatedStart = (int)reader.TokenStartIndex + 1;
                }

                if (isAudience)
                {
                    claims.AudienceCount = ReadAudience(ref reader, out claims.Audience);
                }
                else if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref slot))
                {
                    slot = Value(ref reader);
                }

                if (!names.SkipValue(ref reader))
                {
                    error = "the token's payload has a duplicate member inside a claim's value (refused at every depth)";
                    return false;
                }

                if (located)
                {
                    claims.LocatedLength = (int)reader.BytesConsumed - (claims.LocatedStart - 1);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "the token's payload is not a single JSON object";
                return false;
            }

            if (literalSeen)
            {
                claims.LocatedStart = 0;
                claims.LocatedLength = 0;
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = $"the token's payload is not valid JSON ({ex.Message})";
            return false;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or an unpaired surrogate escape ("\ud800") in a claim (found by the fuzz seed tests).
            error = "the token's payload holds a string that is not valid UTF-8 or has an unpaired surrogate escape";
            return false;
        }
        finally
        {
            MemberNameSet.Return(names);
        }
    }

    private static bool IsNamed(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.Length == name.Length && reader.ValueSpan.SequenceEqual(name);

    private static ref ClaimValue Slot(ref Utf8JsonReader reader, ref RegisteredClaims claims, out bool isAudience)
    {
        isAudience = false;
        var name = reader.ValueIsEscaped ? default : reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            // Rare: compare unescaped, one name at a time.
            if (reader.ValueTextEquals("aud"u8))
            {
                isAudience = true;
                return ref System.Runtime.CompilerServices.Unsafe.NullRef<ClaimValue>();
            }

            return ref SlotEscaped(ref reader, ref claims);
        }

        switch (name.Length)
        {
            case 3:
                // The three bytes as one number: one switch instead of up to ten comparisons, for the most common name length.
                switch (name[0] | (name[1] << 8) | (name[2] << 16))
                {
                    case 'i' | ('s' << 8) | ('s' << 16): return ref claims.Issuer;
                    case 's' | ('u' << 8) | ('b' << 16): return ref claims.Subject;
                    case 'e' | ('x' << 8) | ('p' << 16): return ref claims.Expiry;
                    case 'i' | ('a' << 8) | ('t' << 16): return ref claims.IssuedAt;
                    case 'n' | ('b' << 8) | ('f' << 16): return ref claims.NotBefore;
                    case 'j' | ('t' << 8) | ('i' << 16): return ref claims.JwtId;
                    case 'a' | ('z' << 8) | ('p' << 16): return ref claims.AuthorizedParty;
                    case 't' | ('y' << 8) | ('p' << 16): return ref claims.Type;
                    case 's' | ('i' << 8) | ('d' << 16): return ref claims.SessionId;
                    case 'a' | ('u' << 8) | ('d' << 16): isAudience = true; break;
                }

                break;
            case 5 when name.SequenceEqual("nonce"u8): return ref claims.Nonce;
            case 5 when name.SequenceEqual("email"u8): return ref claims.Email;
            case 6 when name.SequenceEqual("events"u8): return ref claims.Events;
            case 7 when name.SequenceEqual("at_hash"u8): return ref claims.AccessTokenHash;
            case 9 when name.SequenceEqual("client_id"u8): return ref claims.ClientId;
            case 18 when name.SequenceEqual("preferred_username"u8): return ref claims.PreferredUsername;
        }

        return ref System.Runtime.CompilerServices.Unsafe.NullRef<ClaimValue>();
    }

    private static ref ClaimValue SlotEscaped(ref Utf8JsonReader reader, ref RegisteredClaims claims)
    {
        if (reader.ValueTextEquals("iss"u8)) return ref claims.Issuer;
        if (reader.ValueTextEquals("sub"u8)) return ref claims.Subject;
        if (reader.ValueTextEquals("exp"u8)) return ref claims.Expiry;
        if (reader.ValueTextEquals("iat"u8)) return ref claims.IssuedAt;
        if (reader.ValueTextEquals("nbf"u8)) return ref claims.NotBefore;
        if (reader.ValueTextEquals("jti"u8)) return ref claims.JwtId;
        if (reader.ValueTextEquals("azp"u8)) return ref claims.AuthorizedParty;
        if (reader.ValueTextEquals("typ"u8)) return ref claims.Type;
        if (reader.ValueTextEquals("sid"u8)) return ref claims.SessionId;
        if (reader.ValueTextEquals("nonce"u8)) return ref claims.Nonce;
        if (reader.ValueTextEquals("events"u8)) return ref claims.Events;
        if (reader.ValueTextEquals("client_id"u8)) return ref claims.ClientId;
        if (reader.ValueTextEquals("email"u8)) return ref claims.Email;
        if (reader.ValueTextEquals("at_hash"u8)) return ref claims.AccessTokenHash;
        if (reader.ValueTextEquals("preferred_username"u8)) return ref claims.PreferredUsername;
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<ClaimValue>();
    }

    /// <summary>The value the reader is on; containers are left for the caller's checked skip.</summary>
    private static ClaimValue Value(ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                CheckText(ref reader);
                return new ClaimValue(JsonValueKind.String, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped);
            case JsonTokenType.Number:
                return new ClaimValue(JsonValueKind.Number, start, reader.ValueSpan.Length, false);
            case JsonTokenType.True:
                return new ClaimValue(JsonValueKind.True, start, 4, false);
            case JsonTokenType.False:
                return new ClaimValue(JsonValueKind.False, start, 5, false);
            case JsonTokenType.Null:
                return new ClaimValue(JsonValueKind.Null, start, 4, false);
            default:
                return new ClaimValue(reader.TokenType == JsonTokenType.StartArray ? JsonValueKind.Array : JsonValueKind.Object, start, 0, false);
        }
    }

    /// <summary>
    /// A string audience, or an array of strings (its whole bytes); the count, 0 when <c>aud</c> is neither (the reader then stays
    /// on the value, so that the caller reads past it checking member names).
    /// </summary>
    private static int ReadAudience(ref Utf8JsonReader reader, out ClaimValue audience)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            audience = Value(ref reader);
            return audience.IsString ? 1 : 0;
        }

        var ahead = reader;
        var count = 0;
        while (ahead.Read() && ahead.TokenType == JsonTokenType.String)
        {
            CheckText(ref ahead);
            count++;
        }

        if (ahead.TokenType != JsonTokenType.EndArray || count == 0)
        {
            audience = new ClaimValue(JsonValueKind.Array, start, 0, false);
            return 0;
        }

        audience = new ClaimValue(JsonValueKind.Array, start, (int)ahead.BytesConsumed - start, false);
        reader = ahead;
        return count;
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> (as <c>GetString</c> would) for an escape that decodes to invalid UTF-8 (an
    /// unpaired surrogate such as <c>\ud800</c>); the raw bytes were checked with the whole payload.
    /// </summary>
    private static void CheckText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return;
        }

        var length = reader.ValueSpan.Length;
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[256];
            var written = reader.CopyString(buffer);
            if (!Utf8.IsValid(buffer[..written]))
            {
                throw new InvalidOperationException("invalid UTF-8");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
