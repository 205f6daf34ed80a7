using System.Security.Claims;
using Kestra.Security.Oidc.State;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>Whether a principal's session was ended by back-channel logout (or cannot be checked, with <c>fail-closed</c>).</summary>
internal static class RevocationGate
{
    /// <summary>The refusal message, or <see langword="null"/> when the principal may go on. No I/O.</summary>
    public static string? Refusal(ISessionRevocationStore store, ClaimsPrincipal? principal, DateTimeOffset? sessionStart = null)
    {
        if (principal is null || !SessionClaims.TryRead(principal, sessionStart, out var session))
        {
            return null;
        }

        return store.Check(in session) switch
        {
            RevocationStatus.Revoked => RevocationMessages.Revoked,
            RevocationStatus.Unavailable => RevocationMessages.Unavailable,
            _ => null,
        };
    }
}
