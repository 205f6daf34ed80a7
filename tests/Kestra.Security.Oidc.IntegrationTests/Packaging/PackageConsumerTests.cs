using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Kestra.Security.Oidc.IntegrationTests.Packaging;

/// <summary>
/// Packs the library and the console tool, restores them from a local folder feed into a fresh consumer outside the
/// repository, and runs them — the way another team's service and an operator would.
/// </summary>
[Category("Integration")]
[Category("Package")]
[NonParallelizable]
public sealed partial class PackageConsumerTests
{
    private string _work = null!;
    private string _feed = null!;
    private string _version = null!;

    private static string Repository
    {
        get
        {
            var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kestra.Security.Oidc.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        _work = Path.Combine(Path.GetTempPath(), $"kestra-oidc-package-{Guid.NewGuid():N}");
        _feed = Path.Combine(_work, "feed");
        Directory.CreateDirectory(_feed);
        _version = $"0.0.0-smoke.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):000}";
        foreach (var project in new[] { "src/Kestra.Security.Oidc", "samples/Kestra.Security.Oidc.Sample" })
        {
            await RunAsync("dotnet", Repository, "pack", Path.Combine(Repository, project), "-c", "Release", "-o", _feed,
                $"-p:Version={_version}", "-p:ContinuousIntegrationBuild=true", "--nologo");
        }
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        Directory.Delete(_work, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "kestra.security.oidc", "kestra.security.oidc.tool" })
        {
            var cached = Path.Combine(cache, id, _version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    [Test]
    public void The_package_has_readme_xml_docs_license_repository_and_symbols()
    {
        var package = Path.Combine(_feed, $"Kestra.Security.Oidc.{_version}.nupkg");
        File.Exists(Path.Combine(_feed, $"Kestra.Security.Oidc.{_version}.snupkg")).Should().BeTrue();
        using var zip = ZipFile.OpenRead(package);
        zip.Entries.Select(e => e.FullName).Should().Contain(["README.md", "lib/net10.0/Kestra.Security.Oidc.dll", "lib/net10.0/Kestra.Security.Oidc.xml"]);
        using var reader = new StreamReader(zip.GetEntry("Kestra.Security.Oidc.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();
        nuspec.Should().Contain("<license type=\"expression\">Apache-2.0</license>")
            .And.Contain("<readme>README.md</readme>")
            .And.Contain("<repository type=\"git\"");
    }

    [Test]
    public async Task A_fresh_consumer_restores_the_package_from_a_folder_feed_and_runs()
    {
        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        foreach (var file in new[] { "PackageConsumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(Repository, "tests", "package-consumer", file), Path.Combine(consumer, file));
        }

        await WriteNuGetConfigAsync(consumer);
        var yaml = Path.Combine(Repository, "tests", "Kestra.Security.Oidc.Tests", "TestData", "config", "guide-combined.yml");
        var token = Path.Combine(Repository, "tests", "Kestra.Security.Oidc.Tests", "TestData", "tokens", "keycloak-no-kestra-roles.json");

        var output = await RunAsync("dotnet", consumer, "run", "-p:KestraOidcVersion=" + _version, "--", yaml, token);

        output.Should().Contain("source=default-role").And.Contain("FLOW=CREATE,DELETE,READ,UPDATE").And.Contain("EXECUTION=CREATE,DELETE,READ,UPDATE");
    }

    [Test]
    public async Task README_snippets_marked_compile_build_as_written_in_a_fresh_web_project()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository, "README.md"));
        var snippets = ReadmeSnippet().Matches(readme).Select(m => (Kind: m.Groups["kind"].Value, Code: m.Groups["code"].Value)).ToList();
        snippets.Should().HaveCountGreaterThanOrEqualTo(2, "the quick start and the configuration snippets are marked <!-- compile: web -->");
        snippets.Should().Contain(s => s.Code.Contains("AddKestraOidc(\"application.yml\")", StringComparison.Ordinal), "the quick start is compiled");
        snippets.Select(s => s.Kind).Should().OnlyContain(kind => kind == "web" || kind == "console");

        for (var i = 0; i < snippets.Count; i++)
        {
            // What a reader gets from `dotnet new web` / `dotnet new console`, plus the package: nothing else.
            var project = Path.Combine(_work, $"readme-{i}");
            Directory.CreateDirectory(project);
            var sdk = snippets[i].Kind == "web" ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk";
            await File.WriteAllTextAsync(Path.Combine(project, "Readme.csproj"), $"""
                <Project Sdk="{sdk}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Kestra.Security.Oidc" Version="{_version}" />
                  </ItemGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), snippets[i].Code);
            await WriteNuGetConfigAsync(project);

            await RunAsync("dotnet", project, "build", "--nologo", "-v", "q");
        }
    }

    [Test]
    public async Task The_console_installs_as_a_dotnet_tool_and_checks_a_configuration()
    {
        var tools = Path.Combine(_work, "tools");
        await RunAsync("dotnet", _work, "tool", "install", "Kestra.Security.Oidc.Tool", "--tool-path", tools, "--add-source", _feed, "--version", _version);
        var config = Path.Combine(Repository, "tests", "Kestra.Security.Oidc.Tests", "TestData", "config", "guide-combined.yml");

        var output = await RunAsync(Path.Combine(tools, "kestra-oidc"), _work, "check-config", "--config", config);

        output.Should().Contain("valid");
    }

    private Task WriteNuGetConfigAsync(string directory) =>
        File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{_feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

    /// <summary>A fenced C# block right after a <c>&lt;!-- compile: web|console --&gt;</c> marker: a complete program.</summary>
    [GeneratedRegex(@"<!-- compile: (?<kind>\w+) -->\r?\n```csharp\r?\n(?<code>.*?)\r?\n```", RegexOptions.Singleline)]
    private static partial Regex ReadmeSnippet();

    private static async Task<string> RunAsync(string fileName, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        process.ExitCode.Should().Be(0, $"`{fileName} {string.Join(' ', args)}` failed:\n{output}\n{await stderr}");
        return output;
    }
}
