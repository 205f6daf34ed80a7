using Kestra.Security.Oidc.ClaimSources;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>
/// The stable code of each <see cref="AccessTokenCheck"/> (KSO52xx; client selection shares KSO5321/KSO5322 with the claim
/// sources): an explicit table, so adding a check renumbers nothing.
/// </summary>
public static class AccessTokenCheckCodes
{
    /// <summary><see cref="AccessTokenCheck.Size"/>.</summary>
    public const string Size = "KSO5201";

    /// <summary><see cref="AccessTokenCheck.Format"/>.</summary>
    public const string Format = "KSO5202";

    /// <summary><see cref="AccessTokenCheck.Algorithm"/>.</summary>
    public const string Algorithm = "KSO5203";

    /// <summary><see cref="AccessTokenCheck.CriticalHeader"/>.</summary>
    public const string CriticalHeader = "KSO5204";

    /// <summary><see cref="AccessTokenCheck.Signature"/>.</summary>
    public const string Signature = "KSO5205";

    /// <summary><see cref="AccessTokenCheck.UnknownKey"/>.</summary>
    public const string UnknownKey = "KSO5206";

    /// <summary><see cref="AccessTokenCheck.Issuer"/>.</summary>
    public const string Issuer = "KSO5207";

    /// <summary><see cref="AccessTokenCheck.Audience"/>.</summary>
    public const string Audience = "KSO5208";

    /// <summary><see cref="AccessTokenCheck.AuthorizedParty"/>.</summary>
    public const string AuthorizedParty = "KSO5209";

    /// <summary><see cref="AccessTokenCheck.Expired"/>.</summary>
    public const string Expired = "KSO5210";

    /// <summary><see cref="AccessTokenCheck.NotYetValid"/>.</summary>
    public const string NotYetValid = "KSO5211";

    /// <summary><see cref="AccessTokenCheck.MissingSubject"/>.</summary>
    public const string MissingSubject = "KSO5212";

    /// <summary><see cref="AccessTokenCheck.MissingExpiry"/>.</summary>
    public const string MissingExpiry = "KSO5213";

    /// <summary><see cref="AccessTokenCheck.IssuedAt"/>.</summary>
    public const string IssuedAt = "KSO5214";

    /// <summary><see cref="AccessTokenCheck.TokenType"/>.</summary>
    public const string TokenType = "KSO5215";

    /// <summary><see cref="AccessTokenCheck.Opaque"/>.</summary>
    public const string Opaque = "KSO5216";

    /// <summary>The code of <paramref name="check"/>, e.g. <see cref="Audience"/> (<c>KSO5208</c>) for <see cref="AccessTokenCheck.Audience"/>.</summary>
    public static string Of(AccessTokenCheck check) => check switch
    {
        AccessTokenCheck.Size => Size,
        AccessTokenCheck.Format => Format,
        AccessTokenCheck.Algorithm => Algorithm,
        AccessTokenCheck.CriticalHeader => CriticalHeader,
        AccessTokenCheck.Signature => Signature,
        AccessTokenCheck.UnknownKey => UnknownKey,
        AccessTokenCheck.Issuer => Issuer,
        AccessTokenCheck.Audience => Audience,
        AccessTokenCheck.AuthorizedParty => AuthorizedParty,
        AccessTokenCheck.Expired => Expired,
        AccessTokenCheck.NotYetValid => NotYetValid,
        AccessTokenCheck.MissingSubject => MissingSubject,
        AccessTokenCheck.MissingExpiry => MissingExpiry,
        AccessTokenCheck.IssuedAt => IssuedAt,
        AccessTokenCheck.TokenType => TokenType,
        AccessTokenCheck.Opaque => Opaque,
        AccessTokenCheck.NoClientForIssuer => ClaimSourceErrorCodes.NoClientForIssuer,
        AccessTokenCheck.AmbiguousClient => ClaimSourceErrorCodes.AmbiguousClient,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not an access-token check"),
    };
}
