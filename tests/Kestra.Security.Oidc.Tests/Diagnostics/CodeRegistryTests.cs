using System.Reflection;
using System.Text.RegularExpressions;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Tests.Diagnostics;

/// <summary>
/// Every stable <c>KSOnnnn</c> code lives in one registry (a static class named <c>…Codes</c>, under <c>Diagnostics/</c>),
/// is unique, and is documented in README; no source file outside <c>Diagnostics/</c> spells a code as a string.
/// </summary>
public sealed partial class CodeRegistryTests
{
    private static readonly Assembly Library = typeof(KestraOidcOptions).Assembly;

    /// <summary>Registries are found, not listed: a new <c>…Codes</c> class (e.g. the token-check table) joins by itself.</summary>
    private static IEnumerable<(Type Registry, string Name, string Code)> RegistryCodes() =>
        from type in Library.GetTypes()
        where type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Codes", StringComparison.Ordinal)
        from field in ConstStrings(type)
        where CodePattern().IsMatch((string)field.GetRawConstantValue()!)
        select (type, field.Name, (string)field.GetRawConstantValue()!);

    private static IEnumerable<FieldInfo> ConstStrings(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string));

    [Test]
    public void The_registries_are_found_and_hold_every_area()
    {
        var registries = RegistryCodes().Select(c => c.Registry.Name).Distinct().ToList();

        registries.Should().Contain(
        [
            "DiagnosticCodes", "ClaimPathDiagnosticCodes", "ClaimPathErrorCodes", "RoleWarningCodes",
            "DiscoveryErrorCodes", "DiscoveryWarningCodes", "EndpointErrorCodes",
        ]);
    }

    [Test]
    public void Codes_are_unique_across_registries()
    {
        var duplicates = RegistryCodes()
            .GroupBy(c => c.Code)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => $"{c.Registry.Name}.{c.Name}"))}");

        duplicates.Should().BeEmpty();
    }

    [Test]
    public void Codes_outside_the_registries_are_aliases_of_registered_codes()
    {
        var registered = RegistryCodes().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var strays =
            from type in Library.GetTypes()
            where !(type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Codes", StringComparison.Ordinal))
            from field in ConstStrings(type)
            let value = (string)field.GetRawConstantValue()!
            where CodePattern().IsMatch(value) && !registered.Contains(value)
            select $"{type.Name}.{field.Name} = {value}";

        strays.Should().BeEmpty("public constants such as ClaimPathSyntaxException.ErrorCode must alias a registry entry");
    }

    [Test]
    public void Every_code_is_documented_in_README()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match code in DocumentedCode().Matches(readme))
        {
            documented.Add(code.Groups["from"].Value);
            if (code.Groups["to"].Success) // "KSO5101–KSO5115": every code of the range
            {
                for (var n = int.Parse(code.Groups["from"].Value[3..]) + 1; n <= int.Parse(code.Groups["to"].Value[3..]); n++)
                {
                    documented.Add($"KSO{n}");
                }
            }
        }

        RegistryCodes().Select(c => $"{c.Code} ({c.Registry.Name}.{c.Name})").Where(c => !documented.Contains(c[..7]))
            .Should().BeEmpty("README lists every code an operator can meet");
    }

    [Test]
    public void No_KSO_string_literal_lives_outside_Diagnostics()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            var parts = relative.Split('/');
            if (parts.Contains("Diagnostics") || parts.Contains("obj") || parts.Contains("bin") || PendingTokenTable(src, relative))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains("\"KSO", StringComparison.Ordinal))
                {
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        offenders.Should().BeEmpty("codes are spelled once, in a registry under Diagnostics/");
    }

    /// <summary>
    /// The token-check codes are still computed from enum positions in <c>IdTokenValidationResult</c> until the explicit table
    /// <c>Diagnostics/TokenCheckCodes.cs</c> lands (another change); from then on that file is held to the rule like any other.
    /// </summary>
    private static bool PendingTokenTable(string src, string relative) =>
        relative == "Kestra.Security.Oidc/Tokens/IdTokenValidationResult.cs"
        && !File.Exists(Path.Combine(src, "Kestra.Security.Oidc", "Diagnostics", "TokenCheckCodes.cs"));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kestra.Security.Oidc.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex("^KSO[0-9]{4}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("(?<from>KSO[0-9]{4})(?:`?\\s*[–-]\\s*`?(?<to>KSO[0-9]{4}))?")]
    private static partial Regex DocumentedCode();
}
