using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>
/// The verification keys of a JWKS, each bound to one algorithm (<see cref="JwkPolicy"/>), indexed by <c>kid</c>;
/// the keys that were refused, with the reason.
/// </summary>
internal sealed class SigningKeySet
{
    public static readonly SigningKeySet Empty = new([], []);

    private readonly FrozenDictionary<string, SigningKey> _byKid;

    private SigningKeySet(IReadOnlyList<SigningKey> entries, IReadOnlyList<SigningKeyRefusal> refused)
    {
        Entries = entries;
        Keys = [.. entries.Select(e => e.Key)];
        Refused = refused;
        _byKid = entries.Where(k => !string.IsNullOrEmpty(k.KeyId))
            .GroupBy(k => k.KeyId!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<SigningKey> Entries { get; }

    public IReadOnlyList<SecurityKey> Keys { get; }

    /// <summary>The keys of the JWKS that are not used for verification, with the reason.</summary>
    public IReadOnlyList<SigningKeyRefusal> Refused { get; }

    public bool TryGet(string kid, out SigningKey key) => _byKid.TryGetValue(kid, out key!);

    /// <summary>The keys bound to <paramref name="algorithm"/> (for a token without <c>kid</c>).</summary>
    public int CountFor(string algorithm, out SigningKey? single)
    {
        single = null;
        var count = 0;
        foreach (var entry in Entries)
        {
            if (entry.Algorithm == algorithm)
            {
                single ??= entry;
                count++;
            }
        }

        return count;
    }

    public static SigningKeySet From(JsonWebKeySet jwks, IEnumerable<string> allowedAlgorithms)
    {
        var allowed = allowedAlgorithms.Distinct(StringComparer.Ordinal).ToList();
        var keys = new List<SigningKey>();
        var refused = new List<SigningKeyRefusal>();
        foreach (var jwk in jwks.Keys)
        {
            var kid = string.IsNullOrEmpty(jwk.Kid) ? null : jwk.Kid;
            if (!JwkPolicy.TryBind(jwk, allowed, out var algorithm, out var reason))
            {
                refused.Add(new SigningKeyRefusal(kid, reason));
            }
            else if (!JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var key) || JwkPolicy.ImportPublicKey(jwk) is not { } publicKey)
            {
                refused.Add(new SigningKeyRefusal(kid, "the key's parameters could not be read"));
            }
            else
            {
                keys.Add(new SigningKey(key, kid, algorithm, publicKey));
            }
        }

        return new SigningKeySet(keys, refused);
    }
}
