using System.Text.Json;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Claims;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Sample.Cli;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary><c>resolve --config FILE --claims FILE.json [--client NAME]</c>: groups, roles and permissions from a claims payload.</summary>
internal static class ResolveCommand
{
    public static ConsoleCommand Create() =>
        ConsoleCommand.Create<Settings>(
            "resolve",
            "Resolve groups, roles and Kestra permissions from a claims payload.",
            Execute,
            "resolve --config application.yml --claims id-token.json --format json");

    internal sealed class Settings : ConfigSettings
    {
        public string? Claims { get; private set; }

        public string? Client { get; private set; }

        public string? AccessTokenClaims { get; private set; }

        public string? UserInfo { get; private set; }

        public IReadOnlyList<string> Checks { get; private set; } = [];

        public override void Declare(OptionSet options)
        {
            base.Declare(options);
            options.Value("--claims", "FILE", "The ID token's decoded payload (a JSON object).", value => Claims = value);
            options.Value("--client", "NAME", "The client under micronaut.security.oauth2.clients (default: the only one).", value => Client = value);
            options.Value("--access-token-claims", "FILE", "Optional: the access token's decoded payload, to tell whether roles are missing only from the ID token.", value => AccessTokenClaims = value);
            options.Value("--userinfo", "FILE", "Optional: the userinfo response, for the same diagnostic.", value => UserInfo = value);
            PermissionChecks.Declare(options, values => Checks = values);
        }

        public override string? Validate() =>
            string.IsNullOrWhiteSpace(Claims) ? "--claims FILE.json is required" : base.Validate();
    }

    private static int Execute(Settings settings)
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
