namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>kestra-security-oidc.validation</c>: ID-token validation settings.</summary>
public sealed class TokenValidationSettings
{
    /// <summary><c>algorithms</c>: the signing algorithms accepted. Default <c>RS256</c> only; <c>none</c> and HS* are never accepted.</summary>
    public IList<string> Algorithms { get; set; } = ["RS256"];

    /// <summary>The largest clock skew allowed (SPEC §5.1): 5 minutes.</summary>
    internal static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary><c>clock-skew</c>: tolerance for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default 60 s; 0 to 5 min (a configuration error outside).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether <paramref name="skew"/> is within 0 to <see cref="MaxClockSkew"/>.</summary>
    internal static bool IsClockSkewAllowed(TimeSpan skew) => skew >= TimeSpan.Zero && skew <= MaxClockSkew;

    /// <summary><c>max-token-bytes</c>: tokens longer than this are refused unread. Default 16 KiB.</summary>
    public int MaxTokenBytes { get; set; } = 16 * 1024;
}
