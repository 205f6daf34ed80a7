using System.CommandLine;

namespace Kestra.Security.Oidc.Sample.Cli;

/// <summary>A sub-command of <c>kestra-oidc</c>, with the examples its <c>--help</c> prints.</summary>
internal sealed class ConsoleCommand : Command
{
    private ConsoleCommand(string name, string description)
        : base(name, description)
    {
    }

    public IReadOnlyList<string> Examples { get; private init; } = [];

    public static ConsoleCommand Create<TSettings>(string name, string description, Func<TSettings, int> execute, params string[] examples)
        where TSettings : CommandSettings, new() =>
        Create<TSettings>(name, description, (settings, _) => Task.FromResult(execute(settings)), examples);

    public static ConsoleCommand Create<TSettings>(string name, string description, Func<TSettings, CancellationToken, Task<int>> execute, params string[] examples)
        where TSettings : CommandSettings, new()
    {
        var command = new ConsoleCommand(name, description) { Examples = examples };
        Attach(command, execute);
        return command;
    }

    /// <summary>Declares <typeparamref name="TSettings"/>'s options on <paramref name="command"/>; the action binds, validates and runs.</summary>
    public static void Attach<TSettings>(Command command, Func<TSettings, CancellationToken, Task<int>> execute)
        where TSettings : CommandSettings, new()
    {
        var settings = new TSettings();
        var options = new OptionSet();
        settings.Declare(options);
        foreach (var option in options.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            options.Bind(parse);
            if (settings.Validate() is { } error)
            {
                await Console.Error.WriteLineAsync($"kestra-oidc: {error}");
                return ExitCodes.InvalidInput;
            }

            return await execute(settings, cancellationToken);
        });
    }
}
