namespace Kestra.Security.Oidc.Tokens;

/// <summary>The JOSE header parameters the checks need. Key-bearing parameters (<c>jku</c>, <c>x5u</c>, <c>jwk</c>) are deliberately not read.</summary>
internal readonly record struct TokenHeader(string? Alg, string? Kid, string? Typ, bool HasCrit);
