namespace Kestra.Security.Oidc.Configuration;

/// <summary><c>kestra-security-oidc.validation</c>: ID-token validation settings.</summary>
public sealed class TokenValidationSettings
{
    /// <summary><c>algorithms</c>: the signing algorithms accepted. Default <c>RS256</c> only; <c>none</c> and HS* are never accepted.</summary>
    public IList<string> Algorithms { get; set; } = ["RS256"];

    /// <summary><c>clock-skew</c>: tolerance for <c>exp</c> and <c>nbf</c>. Default 60 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>max-token-bytes</c>: tokens longer than this are refused unread. Default 16 KiB.</summary>
    public int MaxTokenBytes { get; set; } = 16 * 1024;
}
