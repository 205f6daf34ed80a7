using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>Shared output helpers: data to stdout, messages to stderr, stable camelCase JSON.</summary>
internal static class Output
{
    /// <summary>The JSON of every command but <c>claim</c>: camelCase, indented, non-ASCII as it is.</summary>
    public static ConsoleJson Json { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The JSON of <c>claim</c>: one line.</summary>
    public static ConsoleJson CompactJson { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static IAnsiConsole Stdout { get; } = CreateStdout();

    private static IAnsiConsole CreateStdout()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160; // Pipes and files have no width; don't wrap at 80.
        }

        return console;
    }

    public static void WriteJson<T>(T value, JsonTypeInfo<T> type) => Console.Out.WriteLine(JsonSerializer.Serialize(value, type));

    public static void Error(string message) => Console.Error.WriteLine(message);

    /// <summary>Reads the embedded default files (the demo's configuration and ID-token payload).</summary>
    public static string ReadDefault(string name)
    {
        using var stream = typeof(Output).Assembly.GetManifestResourceStream($"Kestra.Security.Oidc.Sample.Defaults.{name}")
            ?? throw new InvalidOperationException($"embedded default '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
