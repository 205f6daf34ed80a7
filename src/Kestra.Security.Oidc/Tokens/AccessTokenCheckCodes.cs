using Kestra.Security.Oidc.ClaimSources;

namespace Kestra.Security.Oidc.Tokens;

/// <summary>The stable code of each <see cref="AccessTokenCheck"/> (KSO52xx; client selection shares KSO5321/KSO5322 with the claim sources).</summary>
public static class AccessTokenCheckCodes
{
    /// <summary>The code of <paramref name="check"/>, e.g. <c>KSO5208</c> for <see cref="AccessTokenCheck.Audience"/>.</summary>
    public static string Of(AccessTokenCheck check) => check switch
    {
        AccessTokenCheck.Size => "KSO5201",
        AccessTokenCheck.Format => "KSO5202",
        AccessTokenCheck.Algorithm => "KSO5203",
        AccessTokenCheck.CriticalHeader => "KSO5204",
        AccessTokenCheck.Signature => "KSO5205",
        AccessTokenCheck.UnknownKey => "KSO5206",
        AccessTokenCheck.Issuer => "KSO5207",
        AccessTokenCheck.Audience => "KSO5208",
        AccessTokenCheck.AuthorizedParty => "KSO5209",
        AccessTokenCheck.Expired => "KSO5210",
        AccessTokenCheck.NotYetValid => "KSO5211",
        AccessTokenCheck.MissingSubject => "KSO5212",
        AccessTokenCheck.MissingExpiry => "KSO5213",
        AccessTokenCheck.IssuedAt => "KSO5214",
        AccessTokenCheck.TokenType => "KSO5215",
        AccessTokenCheck.Opaque => "KSO5216",
        AccessTokenCheck.NoClientForIssuer => ClaimSourceErrorCodes.NoClientForIssuer,
        AccessTokenCheck.AmbiguousClient => ClaimSourceErrorCodes.AmbiguousClient,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not an access-token check"),
    };
}
