using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.Fuzz.Targets;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Fuzz;

/// <summary>
/// The <c>token</c> fuzz target's seeds mean what their names say, so that afl-fuzz starts from valid tokens and from
/// each way of being invalid, and the target's oracle agrees with the validator on every one of them.
/// </summary>
public sealed class TokenSeedTests
{
    private static readonly Dictionary<string, IdTokenCheck?> Expected = new(StringComparer.Ordinal)
    {
        ["valid"] = null,
        ["valid-without-kid"] = null,
        ["valid-two-audiences-with-azp"] = null,
        ["two-audiences-without-azp"] = IdTokenCheck.AuthorizedParty,
        ["expired"] = IdTokenCheck.Expired,
        ["not-yet-valid"] = IdTokenCheck.NotYetValid,
        ["wrong-issuer"] = IdTokenCheck.Issuer,
        ["wrong-audience"] = IdTokenCheck.Audience,
        ["access-token-typ"] = IdTokenCheck.TokenType,
        ["no-subject"] = IdTokenCheck.MissingSubject,
        ["no-expiry"] = IdTokenCheck.MissingExpiry,
        ["wrong-nonce"] = IdTokenCheck.Nonce,
        ["duplicate-sub"] = IdTokenCheck.Format,
        ["unknown-kid"] = IdTokenCheck.UnknownKey,
        ["encryption-key-kid"] = IdTokenCheck.UnknownKey,
        ["crit-header"] = IdTokenCheck.CriticalHeader,
        ["jku-header"] = IdTokenCheck.UnknownKey,
        ["at-jwt-typ"] = IdTokenCheck.TokenType,
        ["alg-none"] = IdTokenCheck.Algorithm,
        ["hs256-with-jwks-oct-key"] = IdTokenCheck.Algorithm,
        ["tampered-payload"] = IdTokenCheck.Signature,
        ["jwe-shape"] = IdTokenCheck.Format,
    };

    public static IEnumerable<TestCaseData> Seeds() =>
        TokenSeeds.All().Select(seed => new TestCaseData(seed.Name, seed.Token).SetArgDisplayNames(seed.Name));

    [TestCaseSource(nameof(Seeds))]
    public async Task A_seed_token_gets_the_verdict_its_name_says_and_the_oracle_agrees(string name, string token)
    {
        var options = FuzzIssuer.Options();
        var time = new FixedTimeProvider(FuzzIssuer.Now);
        using var issuer = new FuzzIssuer();
        using var http = new HttpClient(issuer);
        var validator = new IdTokenValidator(options, new IssuerMetadataProvider(options, http, time), time);

        var result = await validator.ValidateAsync(token, FuzzIssuer.ClientName, new IdTokenValidationContext(FuzzIssuer.Nonce));

        Expected.Should().ContainKey(name);
        result.Failure.Should().Be(Expected[name], result.Message);
        (TokenOracle.WhyInvalid(token) is null).Should().Be(Expected[name] is null);
    }

    public static IEnumerable<TestCaseData> SurrogateTokens() =>
        Directory.GetFiles(Path.Combine(FuzzRegressionTests.FindCorpus(), "token"), "surrogate-*.jwt")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    [TestCaseSource(nameof(SurrogateTokens))]
    public async Task A_token_with_an_unpaired_surrogate_escape_in_its_header_or_claims_is_refused_as_malformed(string file)
    {
        // The header or one claim holds "\ud800" or "\udc00"; reading it threw InvalidOperationException out of ValidateAsync.
        var options = FuzzIssuer.Options();
        var time = new FixedTimeProvider(FuzzIssuer.Now);
        using var issuer = new FuzzIssuer();
        using var http = new HttpClient(issuer);
        var validator = new IdTokenValidator(options, new IssuerMetadataProvider(options, http, time), time);

        var result = await validator.ValidateAsync(await File.ReadAllTextAsync(file), FuzzIssuer.ClientName, new IdTokenValidationContext(FuzzIssuer.Nonce));

        result.Failure.Should().Be(IdTokenCheck.Format, result.Message);
    }
}
