namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// The JOSE header parameters the core and the profiles need. Key-bearing parameters (<c>jku</c>, <c>x5u</c>, <c>jwk</c>) are
/// deliberately not read: keys come from the provider's JWKS only.
/// </summary>
/// <param name="Alg">The <c>alg</c>, one of the allowed algorithms (the reader refuses any other).</param>
/// <param name="Kid">The <c>kid</c>, a non-empty string, or <see langword="null"/> when absent.</param>
/// <param name="Typ">The <c>typ</c> when it is a string.</param>
internal readonly record struct JwsHeader(string Alg, string? Kid, string? Typ);
