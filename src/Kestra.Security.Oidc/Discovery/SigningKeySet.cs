using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>The verification keys of a JWKS, filtered by <c>use</c>, <c>kty</c>, <c>alg</c> and <c>key_ops</c>, indexed by <c>kid</c>.</summary>
internal sealed class SigningKeySet
{
    public static readonly SigningKeySet Empty = new([], 0);

    private readonly FrozenDictionary<string, SecurityKey> _byKid;

    private SigningKeySet(IReadOnlyList<SecurityKey> keys, int skipped)
    {
        Keys = keys;
        Skipped = skipped;
        _byKid = keys.Where(k => !string.IsNullOrEmpty(k.KeyId))
            .GroupBy(k => k.KeyId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<SecurityKey> Keys { get; }

    /// <summary>How many keys of the JWKS were not usable for verification.</summary>
    public int Skipped { get; }

    public bool TryGet(string kid, out SecurityKey key) => _byKid.TryGetValue(kid, out key!);

    public static SigningKeySet From(JsonWebKeySet jwks, IEnumerable<string> allowedAlgorithms)
    {
        var allowed = allowedAlgorithms.ToHashSet(StringComparer.Ordinal);
        var keys = new List<SecurityKey>();
        var skipped = 0;
        foreach (var jwk in jwks.Keys)
        {
            if (IsVerificationKey(jwk, allowed) && JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var key))
            {
                keys.Add(key);
            }
            else
            {
                skipped++;
            }
        }

        return new SigningKeySet(keys, skipped);
    }

    private static bool IsVerificationKey(JsonWebKey jwk, HashSet<string> allowed)
    {
        if (!string.IsNullOrEmpty(jwk.Use) && jwk.Use != JsonWebKeyUseNames.Sig)
        {
            return false;
        }

        if (jwk.Kty != JsonWebAlgorithmsKeyTypes.RSA && jwk.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(jwk.Alg) && !allowed.Contains(jwk.Alg))
        {
            return false;
        }

        return jwk.KeyOps.Count == 0 || jwk.KeyOps.Contains("verify");
    }
}
