using System.CommandLine;
using System.CommandLine.Invocation;

namespace Kestra.Security.Oidc.Sample.Cli;

/// <summary>What <c>--help</c> does: writes the parsed command's help to stdout (exit 0).</summary>
internal sealed class UsageAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        HelpWriter.Write(parseResult.CommandResult.Command, Console.Out);
        return ExitCodes.Ok;
    }
}
