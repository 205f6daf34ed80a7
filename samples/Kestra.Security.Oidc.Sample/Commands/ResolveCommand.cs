using System.ComponentModel;
using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>resolve --config FILE --claims FILE.json [--client NAME]</c>: groups, roles and permissions from a claims payload.</summary>
internal sealed class ResolveCommand : Command<ResolveCommand.Settings>
{
    internal sealed class Settings : ConfigSettings
    {
        [CommandOption("--claims <FILE>")]
        [Description("The ID token's decoded payload (a JSON object).")]
        public string? Claims { get; init; }

        [CommandOption("--client <NAME>")]
        [Description("The client under micronaut.security.oauth2.clients (default: the only one).")]
        public string? Client { get; init; }

        [CommandOption("--access-token-claims <FILE>")]
        [Description("Optional: the access token's decoded payload, to tell whether roles are missing only from the ID token.")]
        public string? AccessTokenClaims { get; init; }

        [CommandOption("--userinfo <FILE>")]
        [Description("Optional: the userinfo response, for the same diagnostic.")]
        public string? UserInfo { get; init; }

        [CommandOption("--check <CHECK>")]
        [Description("Repeatable: PERMISSION:ACTION[[@NAMESPACE]], e.g. FLOW:EXECUTE@prod.team; prints allowed/denied and what granted it; exit 5 when one is denied.")]
        public string[]? Checks { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Claims) ? ValidationResult.Error("--claims FILE.json is required") : base.Validate();
    }

    protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!PermissionChecks.TryParse(settings.Checks, out var checks)
            || !ConfigLoader.TryLoad(settings.Config!, settings.Client, out var options, out var client))
        {
            return ExitCodes.InvalidInput;
        }

        try
        {
            var resolver = new KestraRoleResolver(options);
            var resolution = resolver.Resolve(ReadJson(settings.Claims!), client, new RoleResolutionContext
            {
                AccessTokenPayload = settings.AccessTokenClaims is null ? null : JsonDocument.Parse(ReadJson(settings.AccessTokenClaims)).RootElement,
                UserInfo = settings.UserInfo is null ? null : JsonDocument.Parse(ReadJson(settings.UserInfo)).RootElement,
            });
            var decisions = PermissionChecks.Evaluate(resolution, checks);
            ResolutionView.Write(resolution, settings.Format, decisions);
            if (resolution.Refusal is { } refusal)
            {
                Output.Error($"kestra-oidc: the user is refused: {refusal}");
                return ExitCodes.Rejected;
            }

            return PermissionChecks.ExitCode(decisions);
        }
        catch (Exception ex) when (ex is ClaimsPayloadException or JsonException or IOException or UnauthorizedAccessException or KestraConfigurationException)
        {
            Output.Error($"kestra-oidc: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    private static byte[] ReadJson(string path) => File.ReadAllBytes(path);
}
