using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

internal sealed class CheckConfigCommand : Command
{
    protected override int Execute(CommandContext context, CancellationToken cancellationToken) => ExitCodes.Ok;
}
