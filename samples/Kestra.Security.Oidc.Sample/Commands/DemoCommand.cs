using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>The no-argument demo on the embedded default configuration.</summary>
internal sealed class DemoCommand : Command
{
    protected override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine("demo");
        return ExitCodes.Ok;
    }
}
