using Microsoft.IdentityModel.Tokens;

namespace Kestra.Security.Oidc.Discovery;

/// <summary>One usable verification key of a JWKS and the one algorithm it may be used with (SPEC §5.1).</summary>
internal sealed record SigningKey(SecurityKey Key, string? KeyId, string Algorithm);
