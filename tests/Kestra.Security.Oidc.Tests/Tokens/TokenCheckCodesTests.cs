using Kestra.Security.Oidc.Diagnostics;
using Kestra.Security.Oidc.Tokens;
using Kestra.Security.Oidc.Tokens.Profiles;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>Public token codes come from an explicit table: users rely on them, so no new check may renumber one.</summary>
public sealed class TokenCheckCodesTests
{
    private static readonly (IdTokenCheck Check, int Value, string Code)[] Pinned =
    [
        (IdTokenCheck.Size, 1, "KSO5101"),
        (IdTokenCheck.Format, 2, "KSO5102"),
        (IdTokenCheck.Algorithm, 3, "KSO5103"),
        (IdTokenCheck.CriticalHeader, 4, "KSO5104"),
        (IdTokenCheck.Signature, 5, "KSO5105"),
        (IdTokenCheck.UnknownKey, 6, "KSO5106"),
        (IdTokenCheck.Issuer, 7, "KSO5107"),
        (IdTokenCheck.Audience, 8, "KSO5108"),
        (IdTokenCheck.AuthorizedParty, 9, "KSO5109"),
        (IdTokenCheck.Expired, 10, "KSO5110"),
        (IdTokenCheck.NotYetValid, 11, "KSO5111"),
        (IdTokenCheck.MissingSubject, 12, "KSO5112"),
        (IdTokenCheck.MissingExpiry, 13, "KSO5113"),
        (IdTokenCheck.Nonce, 14, "KSO5114"),
        (IdTokenCheck.TokenType, 15, "KSO5115"),
        (IdTokenCheck.IssuedAt, 16, "KSO5116"),
    ];

    /// <summary>Checks only logout tokens have (SPEC §9).</summary>
    private static readonly TokenCheck[] LogoutOnly = [TokenCheck.Events, TokenCheck.TokenId, TokenCheck.SessionOrSubject, TokenCheck.Replayed];

    private static readonly (LogoutTokenCheck Check, int Value, string Code)[] PinnedLogout =
    [
        (LogoutTokenCheck.Size, 1, "KSO5101"),
        (LogoutTokenCheck.Format, 2, "KSO5102"),
        (LogoutTokenCheck.Algorithm, 3, "KSO5103"),
        (LogoutTokenCheck.CriticalHeader, 4, "KSO5104"),
        (LogoutTokenCheck.Signature, 5, "KSO5105"),
        (LogoutTokenCheck.UnknownKey, 6, "KSO5106"),
        (LogoutTokenCheck.Issuer, 7, "KSO5107"),
        (LogoutTokenCheck.Audience, 8, "KSO5108"),
        (LogoutTokenCheck.Expired, 9, "KSO5110"),
        (LogoutTokenCheck.NotYetValid, 10, "KSO5111"),
        (LogoutTokenCheck.MissingExpiry, 11, "KSO5113"),
        (LogoutTokenCheck.IssuedAt, 12, "KSO5116"),
        (LogoutTokenCheck.TokenType, 13, "KSO5115"),
        (LogoutTokenCheck.Nonce, 14, "KSO5114"),
        (LogoutTokenCheck.Events, 15, "KSO5130"),
        (LogoutTokenCheck.TokenId, 16, "KSO5131"),
        (LogoutTokenCheck.SessionOrSubject, 17, "KSO5132"),
        (LogoutTokenCheck.Replayed, 18, "KSO5133"),
    ];

    [Test]
    public void Every_public_logout_check_keeps_its_value_and_code()
    {
        var actual = Enum.GetValues<TokenCheck>()
            .Where(check => check is not (TokenCheck.AuthorizedParty or TokenCheck.MissingSubject))
            .Select(check => (LogoutTokenProfile.ToPublic(check), (int)LogoutTokenProfile.ToPublic(check), TokenCheckCodes.Of(check)));

        actual.Should().BeEquivalentTo(PinnedLogout);
        Enum.GetValues<LogoutTokenCheck>().Should().HaveCount(PinnedLogout.Length, "every public logout check is pinned here");
    }

    [Test]
    public void Every_public_check_keeps_its_value_and_code()
    {
        var actual = Enum.GetValues<TokenCheck>()
            .Except(LogoutOnly)
            .Select(check => (IdTokenProfile.ToPublic(check), (int)IdTokenProfile.ToPublic(check), TokenCheckCodes.Of(check)));

        actual.Should().BeEquivalentTo(Pinned);
        Enum.GetValues<IdTokenCheck>().Should().HaveCount(Pinned.Length, "every public check is pinned here");
    }

    [Test]
    public void Every_check_has_one_code_and_no_two_share_one()
    {
        var codes = Enum.GetValues<TokenCheck>().Select(TokenCheckCodes.Of).ToList();

        codes.Should().OnlyHaveUniqueItems().And.AllSatisfy(code => code.Should().MatchRegex("^KSO51[0-9]{2}$"));
    }
}
