using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Diagnostics;

/// <summary>
/// The stable public codes of token checks (KSO51xx), written out one by one: a code never follows an enum position, so adding
/// a check renumbers nothing. Documented in README; a test pins every code.
/// </summary>
internal static class TokenCheckCodes
{
    public static string Of(TokenCheck check) => check switch
    {
        TokenCheck.Size => "KSO5101",
        TokenCheck.Format => "KSO5102",
        TokenCheck.Algorithm => "KSO5103",
        TokenCheck.CriticalHeader => "KSO5104",
        TokenCheck.Signature => "KSO5105",
        TokenCheck.UnknownKey => "KSO5106",
        TokenCheck.Issuer => "KSO5107",
        TokenCheck.Audience => "KSO5108",
        TokenCheck.AuthorizedParty => "KSO5109",
        TokenCheck.Expired => "KSO5110",
        TokenCheck.NotYetValid => "KSO5111",
        TokenCheck.MissingSubject => "KSO5112",
        TokenCheck.MissingExpiry => "KSO5113",
        TokenCheck.Nonce => "KSO5114",
        TokenCheck.TokenType => "KSO5115",
        TokenCheck.IssuedAt => "KSO5116",
        TokenCheck.Events => "KSO5130",
        TokenCheck.TokenId => "KSO5131",
        TokenCheck.SessionOrSubject => "KSO5132",
        TokenCheck.Replayed => "KSO5133",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "a token check without a code: add it to TokenCheckCodes"),
    };
}
