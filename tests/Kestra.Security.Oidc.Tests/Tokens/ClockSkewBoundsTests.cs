using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Tests.Discovery;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Tests.Tokens;

/// <summary>SPEC §5.1: the clock skew is 0–5 min; outside, a located configuration error.</summary>
public sealed class ClockSkewBoundsTests
{
    private static KestraConfigurationResult Load(string skew) =>
        KestraYamlConfiguration.Parse($"""
            kestra-security-oidc:
              validation:
                clock-skew: {skew}
            """, "application.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

    [TestCase("6m")]
    [TestCase("1h")]
    [TestCase("PT5M1S")]
    public void A_clock_skew_over_5_minutes_is_a_located_error(string skew)
    {
        var result = Load(skew);

        result.IsValid.Should().BeFalse();
        result.Diagnostics.Select(d => d.ToString()).Should().ContainSingle().Which.Should().StartWith(
            "application.yml:3:17: kestra-security-oidc.validation.clock-skew: error KSO1015: the clock skew ").And.Contain("is outside 0 to 5 minutes");
    }

    [TestCase("0s")]
    [TestCase("5m")]
    public void A_clock_skew_from_0_to_5_minutes_is_accepted(string skew) =>
        Load(skew).Diagnostics.Should().BeEmpty();

    [Test]
    public void A_negative_clock_skew_in_code_is_an_error()
    {
        var options = new KestraOidcOptions();
        options.Extensions.Validation.ClockSkew = TimeSpan.FromSeconds(-1);

        KestraOidcOptionsValidator.Validate(options).Should().ContainSingle().Which.Key.Should().Be("kestra-security-oidc.validation.clock-skew");
    }

    [Test]
    public void The_validator_refuses_a_clock_skew_over_5_minutes()
    {
        using var bed = new DiscoveryTestbed();
        bed.Options.Extensions.Validation.ClockSkew = TimeSpan.FromHours(1);

        FluentActions.Invoking(() => new IdTokenValidator(bed.Options, bed.Provider)).Should().Throw<ArgumentException>()
            .WithMessage("'kestra-security-oidc.validation.clock-skew' is 01:00:00, outside 0 to 5 minutes*");
    }
}
