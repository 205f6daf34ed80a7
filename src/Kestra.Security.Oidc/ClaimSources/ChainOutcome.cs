using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.ClaimSources;

/// <summary>The chain's result: the resolution with <see cref="RoleResolution.GroupsFrom"/> set, or the code and message of a source that refused the token.</summary>
internal readonly record struct ChainOutcome(RoleResolution? Resolution, string? Code, string? Message, AccessTokenValidationResult? AccessTokenValidation);
