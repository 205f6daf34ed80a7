using System.CommandLine;
using System.CommandLine.Help;
using Kestra.Security.Oidc.Sample.Commands;

namespace Kestra.Security.Oidc.Sample.Cli;

/// <summary>
/// <c>kestra-oidc</c>'s command line (SPEC §6) on System.CommandLine, which needs no reflection (Native AOT, SPEC §10).
/// Parse errors and failed option checks print <c>kestra-oidc: MESSAGE</c> and exit 2; an exception nobody handled exits 1.
/// </summary>
internal static class ConsoleApp
{
    public const string Name = "kestra-oidc";

    public static RootCommand Create()
    {
        var root = new RootCommand("With no command: the demo on the embedded default configuration (the Keycloak guide's) and a bundled ID-token payload.")
        {
            CheckConfigCommand.Create(),
            ClaimCommand.Create(),
            ResolveCommand.Create(),
            DiscoverCommand.Create(),
            ValidateCommand.Create(),
        };
        ConsoleCommand.Attach<FormatSettings>(root, (settings, _) => Task.FromResult(DemoCommand.Execute(settings)));
        root.Directives.Clear(); // no [suggest] or [diagram]: the first argument is a command or an option
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new UsageAction();
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // No response files: an argument that starts with '@' (a nonce, a claim path) is taken as it is.
        var parse = Create().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is not UsageAction && parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"{Name}: {error.Message}");
            }

            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"{Name}: unexpected error: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Unexpected;
        }
    }
}
