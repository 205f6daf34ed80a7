using Kestra.Security.Oidc.AspNetCore.Diagnostics;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>What a refused request is told (and what is logged).</summary>
internal static class RevocationMessages
{
    public const string Revoked = SharedStateCodes.SessionRevoked + ": the session was ended at the identity provider (back-channel logout)";

    public const string Unavailable = SharedStateCodes.RevocationUnavailable
        + ": the session cannot be checked against back-channel logouts (shared state unreachable, fail-closed)";
}
