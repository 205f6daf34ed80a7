using System.Collections.Frozen;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// Which signature algorithms the library accepts (SPEC §5, §5.1), the one place that says so: never <c>none</c>, never HS*
/// (tokens are verified with the provider's public keys), only the configured allow-list; RSA keys serve RS*/PS*, EC keys their curve's ES*.
/// </summary>
internal static class AlgorithmPolicy
{
    /// <summary>Whether <paramref name="algorithm"/> is never accepted, whatever the configuration says (<c>none</c>, HS*).</summary>
    public static bool IsNeverAllowed(string algorithm) =>
        algorithm.Equals("none", StringComparison.OrdinalIgnoreCase) || algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase);

    /// <summary>The configured allow-list without the algorithms that are never accepted.</summary>
    public static FrozenSet<string> Allowed(IEnumerable<string> configured) =>
        configured.Where(a => !IsNeverAllowed(a)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="algorithm"/> is an RSA signature algorithm (PKCS#1 v1.5 or PSS).</summary>
    public static bool IsRsa(string algorithm) => algorithm is "RS256" or "RS384" or "RS512" or "PS256" or "PS384" or "PS512";

    /// <summary>The one algorithm of an EC curve (P-256 → ES256, P-384 → ES384, P-521 → ES512); <see langword="null"/> for others.</summary>
    public static string? ForCurve(string? curve) => curve switch
    {
        "P-256" => "ES256",
        "P-384" => "ES384",
        "P-521" => "ES512",
        _ => null,
    };

    /// <summary>Why the header's <c>alg</c> is refused, with the allow-list.</summary>
    public static string Refusal(string? algorithm, IEnumerable<string> allowed)
    {
        var why = string.IsNullOrEmpty(algorithm) ? "the token has no 'alg' header"
            : algorithm.Equals("none", StringComparison.OrdinalIgnoreCase) ? "the token is unsigned ('alg: none')"
            : algorithm.StartsWith("HS", StringComparison.OrdinalIgnoreCase) ? $"the token is signed with the symmetric '{algorithm}', never accepted for tokens verified with the provider's public keys"
            : $"the token's algorithm '{algorithm}' is not allowed";
        return $"{why}; allowed: {string.Join(", ", allowed)} ('kestra-security-oidc.validation.algorithms')";
    }
}
