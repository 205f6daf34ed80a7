using System.Text;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Fuzz.Targets;

namespace Kestra.Security.Oidc.Tests.Fuzz;

/// <summary>
/// Every input that ever crashed a fuzz target (tests/fuzz/run-fuzz.sh copies them to TestData/fuzz-regressions/TARGET/)
/// replays through the same target on every test run: none may throw again.
/// </summary>
public sealed class FuzzRegressionTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "fuzz-regressions");

    public static IEnumerable<TestCaseData> SavedInputs() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(file => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(Root, file))
                    .SetArgDisplayNames(Path.GetRelativePath(Root, file)))
            : [];

    [TestCaseSource(nameof(SavedInputs))]
    public void A_saved_crash_no_longer_escapes_its_target(string targetName, string relativePath)
    {
        var target = FuzzTargets.Find(targetName);
        target.Should().NotBeNull($"'{targetName}' (the folder of {relativePath}) names a fuzz target");
        var input = File.ReadAllBytes(Path.Combine(Root, relativePath));

        var run = () => target!.Run(input);

        run.Should().NotThrow();
    }

    [Test]
    public void The_regression_folders_name_only_fuzz_targets()
    {
        var folders = Directory.Exists(Root) ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName) : [];

        folders.Should().OnlyContain(name => FuzzTargets.Find(name!) != null);
    }

    [Test]
    public void Every_fuzz_target_has_committed_seeds_and_each_seed_runs_clean()
    {
        var corpus = FindCorpus();

        foreach (var target in FuzzTargets.All)
        {
            var seeds = Directory.Exists(Path.Combine(corpus, target.Name)) ? Directory.GetFiles(Path.Combine(corpus, target.Name)) : [];
            seeds.Should().NotBeEmpty($"tests/fuzz/corpus/{target.Name} holds the seeds afl-fuzz starts from");
            foreach (var seed in seeds)
            {
                var run = () => target.Run(File.ReadAllBytes(seed));
                run.Should().NotThrow(seed);
            }
        }
    }

    internal static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fuzz", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/fuzz/corpus not found above {AppContext.BaseDirectory}");
    }

    [TestCase(": [\n0", "fuzz.yml:1:1: (document): error KSO1001: malformed YAML: the YAML parser gave up after this point")]
    [TestCase("<<: *0", "fuzz.yml:1:1: (document): error KSO1001: malformed YAML: a merge key ('<<') refers to an anchor that is not defined before it")]
    [TestCase("!!]", "fuzz.yml:1:1: (document): error KSO1001: malformed YAML: Global tags must be valid URIs.")]
    public void Yaml_that_YamlDotNet_fails_on_without_a_YamlException_is_a_malformed_yaml_error(string yaml, string expected)
    {
        // Found by afl-fuzz: YamlDotNet throws InvalidOperationException, KeyNotFoundException and ArgumentException here.
        var result = KestraYamlConfiguration.Parse(yaml, "fuzz.yml", new KestraConfigurationLoadOptions { EnvironmentVariables = new Dictionary<string, string?>() });

        result.IsValid.Should().BeFalse();
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(expected);
    }

    [TestCase("{\"groups\":[\"\\ud800\"]}")]
    [TestCase("{\"groups\":\"\\udc00x\"}")]
    [TestCase("{\"\\ud800\":1,\"groups\":[]}")]
    public void A_claims_payload_with_an_unpaired_surrogate_escape_is_a_payload_error_not_an_exception(string payload)
    {
        // Found by afl-fuzz: System.Text.Json throws InvalidOperationException when such a string is read.
        var evaluate = () => ClaimPath.Parse("groups").Evaluate(Encoding.UTF8.GetBytes(payload));

        evaluate.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.MalformedCode);
    }

    [Test]
    public void A_claims_payload_with_invalid_utf8_in_a_string_is_a_payload_error_for_the_path_and_the_resolver()
    {
        byte[] payload = [.. "{\"sub\":\""u8, 0xC3, 0x28, .. "\",\"groups\":[\"a\", \""u8, 0xFF, .. "\"]}"u8];
        var options = new KestraOidcOptions { GroupsClaimPath = "groups" };

        var evaluate = () => ClaimPath.Parse("groups").Evaluate(payload);
        var resolve = () => new KestraRoleResolver(options).Resolve(payload);

        evaluate.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.MalformedCode);
        resolve.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.MalformedCode);
    }
}
