using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Tokens.Jws;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>What <see cref="TokenPipeline"/> found: a failure, or the verified token with its claims and the metadata that verified it.</summary>
internal readonly record struct TokenOutcome(TokenFailure? Failure, JwsToken Token, RegisteredClaims Claims, IssuerMetadata? Metadata, DateTimeOffset ExpiresAt)
{
    public static TokenOutcome Rejected(TokenFailure failure) => new(failure, default, default, null, default);
}
