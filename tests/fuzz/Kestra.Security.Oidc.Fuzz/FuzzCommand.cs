using Kestra.Security.Oidc.Fuzz.Targets;
using SharpFuzz;

namespace Kestra.Security.Oidc.Fuzz;

/// <summary>
/// <c>kestra-oidc-fuzz TARGET</c> runs under afl-fuzz (persistent mode, SharpFuzz);
/// <c>kestra-oidc-fuzz replay TARGET PATH…</c> runs saved inputs once each and reports what escapes.
/// </summary>
internal static class FuzzCommand
{
    private const string Usage = """
        usage: kestra-oidc-fuzz TARGET                 run under afl-fuzz (input from AFL's shared memory)
               kestra-oidc-fuzz replay TARGET PATH...  run files (or every file of folders) once each
               kestra-oidc-fuzz seed token DIR         write the seed tokens (signed with the fixed fuzz key)
        targets: {0}
        """;

    public static int Run(string[] args)
    {
        if (args is [var name] && FuzzTargets.Find(name) is { } target)
        {
            Fuzzer.Run(stream => target.Run(ReadAll(stream)));
            return 0;
        }

        if (args is ["replay", var replayName, .. var paths] && paths.Length > 0 && FuzzTargets.Find(replayName) is { } replayTarget)
        {
            return Replay(replayTarget, paths);
        }

        if (args is ["seed", "token", var directory])
        {
            Directory.CreateDirectory(directory);
            foreach (var (seedName, token) in TokenSeeds.All())
            {
                File.WriteAllText(Path.Combine(directory, seedName + ".jwt"), token);
            }

            return 0;
        }

        Console.Error.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Usage, string.Join(", ", FuzzTargets.All.Select(t => t.Name))));
        return 2;
    }

    private static int Replay(IFuzzTarget target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
        var failures = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // reporting every escaping exception is the point of a replay
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                Console.Error.WriteLine($"{file}: {ex.GetType().FullName}: {ex.Message}");
                Console.Error.WriteLine(ex.StackTrace);
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count} input(s), {failures} failure(s)");
        return failures == 0 ? 0 : 1;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
