using System.Diagnostics;

namespace Kestra.Security.Oidc.Testing;

/// <summary>
/// Runs the sample console <c>kestra-oidc</c> as a process, the way an operator does. Shared (linked) by the unit and
/// integration test projects; each builds the sample first with a non-assembly project reference.
/// </summary>
internal static class SampleConsoleProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static Task<Run> RunAsync(string? workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs with <paramref name="environment"/> changed: a <see langword="null"/> value removes the variable.</summary>
    public static async Task<Run> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        // tests/<project>/bin/<Configuration>/net10.0 → samples/Kestra.Security.Oidc.Sample/bin/<Configuration>/net10.0
        var testDirectory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var repository = testDirectory.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "samples", "Kestra.Security.Oidc.Sample", "bin", testDirectory.Parent.Name, testDirectory.Name, "kestra-oidc.dll");
        File.Exists(dll).Should().BeTrue($"the sample console is built at {dll}");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
