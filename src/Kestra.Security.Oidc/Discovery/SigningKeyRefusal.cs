namespace Kestra.Security.Oidc.Discovery;

/// <summary>A key of the provider's JWKS that is never used to verify tokens, and why (e.g. an RSA key under 2048 bits).</summary>
/// <param name="KeyId">The key's <c>kid</c>, or <see langword="null"/> when it has none.</param>
/// <param name="Reason">Why the key is not used.</param>
public sealed record SigningKeyRefusal(string? KeyId, string Reason);
