using System.Globalization;
using System.Security.Claims;
using Kestra.Security.Oidc.State;

namespace Kestra.Security.Oidc.AspNetCore.Logout;

/// <summary>Reads what a principal (from a bearer token or a cookie session) says about its session: <c>iss</c>, <c>sid</c>, <c>sub</c>, <c>iat</c>.</summary>
internal static class SessionClaims
{
    /// <summary>
    /// <see langword="false"/> when the principal names no issuer or neither <c>sid</c> nor <c>sub</c> (nothing a logout can revoke).
    /// The issuer is the <c>iss</c> claim, else the issuer of the <c>sub</c> claim (as token handlers record it).
    /// </summary>
    /// <param name="principal">The authenticated principal.</param>
    /// <param name="sessionStart">When the session began, for principals without an <c>iat</c> claim (a cookie's issue time).</param>
    /// <param name="session">What the principal says about its session.</param>
    public static bool TryRead(ClaimsPrincipal principal, DateTimeOffset? sessionStart, out SessionReference session)
    {
        session = default;
        var sid = principal.FindFirst("sid")?.Value;
        var subClaim = principal.FindFirst("sub") ?? principal.FindFirst(ClaimTypes.NameIdentifier);
        var issuer = principal.FindFirst("iss")?.Value ?? subClaim?.Issuer;
        if (string.IsNullOrEmpty(issuer) || issuer == ClaimsIdentity.DefaultIssuer || (sid is null && subClaim is null))
        {
            return false;
        }

        DateTimeOffset? issuedAt = long.TryParse(principal.FindFirst("iat")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var iat)
            ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(iat, 253402300799))
            : sessionStart;
        session = new SessionReference(issuer, sid, subClaim?.Value, issuedAt);
        return true;
    }
}
