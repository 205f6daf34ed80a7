using System.Diagnostics;

namespace Kestra.Security.Oidc.Testing;

/// <summary>
/// Runs the sample console <c>kestra-oidc</c> as a process, the way an operator does, in the build of the running
/// fixture (<see cref="ConsoleBuilds.Current"/>): managed (<c>dotnet kestra-oidc.dll</c>) or native. Shared (linked)
/// by the unit and integration test projects; each builds the sample first with a non-assembly project reference.
/// </summary>
internal static class SampleConsoleProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    private static DirectoryInfo TestDirectory => new(TestContext.CurrentContext.TestDirectory);

    /// <summary>The repository: tests/&lt;project&gt;/bin/&lt;Configuration&gt;/net10.0 is five levels below it.</summary>
    public static string Repository => TestDirectory.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>samples/Kestra.Security.Oidc.Sample/bin/&lt;Configuration&gt;/net10.0, the managed console of this build.</summary>
    public static string ManagedDirectory =>
        Path.Combine(Repository, "samples", "Kestra.Security.Oidc.Sample", "bin", TestDirectory.Parent!.Name, TestDirectory.Name);

    public static Task<Run> RunAsync(string? workingDirectory, params string[] args) => RunAsync(ConsoleBuilds.Current, workingDirectory, args);

    public static Task<Run> RunAsync(ConsoleBuild build, string? workingDirectory, params string[] args) =>
        RunAsync(build, workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>Runs with <paramref name="environment"/> changed: a <see langword="null"/> value removes the variable.</summary>
    public static Task<Run> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync(ConsoleBuilds.Current, workingDirectory, environment, args);

    public static async Task<Run> RunAsync(ConsoleBuild build, string? workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ProcessStartInfo start;
        if (build == ConsoleBuild.Native)
        {
            start = new ProcessStartInfo(NativeConsole.Path);
        }
        else
        {
            var dll = Path.Combine(ManagedDirectory, "kestra-oidc.dll");
            File.Exists(dll).Should().BeTrue($"the sample console is built at {dll}");
            start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add(dll);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

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
