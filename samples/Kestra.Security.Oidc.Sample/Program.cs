using Kestra.Security.Oidc.Sample;
using Kestra.Security.Oidc.Sample.Commands;
using Spectre.Console.Cli;

var app = new CommandApp<DemoCommand>();
app.Configure(config =>
{
    config.SetApplicationName("kestra-oidc");
    config.PropagateExceptions();
    config.AddCommand<CheckConfigCommand>("check-config")
        .WithDescription("Load and validate a Kestra SSO configuration file.");
    config.AddCommand<ClaimCommand>("claim")
        .WithDescription("Evaluate a claim path (e.g. resource_access.kestra.roles) over a claims JSON file.")
        .WithExample("claim", "--path", "resource_access.kestra.roles", "--claims", "id-token.json", "--format", "json");
    config.AddCommand<ResolveCommand>("resolve")
        .WithDescription("Resolve groups, roles and Kestra permissions from a claims payload.")
        .WithExample("resolve", "--config", "application.yml", "--claims", "id-token.json", "--format", "json");
    config.AddCommand<DiscoverCommand>("discover")
        .WithDescription("Fetch and check the issuer's discovery document; print endpoints and Kestra's redirect URIs.")
        .WithExample("discover", "--config", "application.yml", "--client", "keycloak");
    config.AddCommand<ValidateCommand>("validate")
        .WithDescription("Validate an ID token against the live issuer.")
        .WithExample("validate", "--config", "application.yml", "--id-token", "id-token.jwt", "--nonce", "N", "--format", "json");
});

try
{
    return await app.RunAsync(args);
}
catch (CommandParseException ex)
{
    await Console.Error.WriteLineAsync($"kestra-oidc: {ex.Message}");
    return ExitCodes.InvalidInput;
}
catch (CommandRuntimeException ex)
{
    await Console.Error.WriteLineAsync($"kestra-oidc: {ex.Message}");
    return ExitCodes.InvalidInput;
}
catch (Exception ex)
{
    await Console.Error.WriteLineAsync($"kestra-oidc: unexpected error: {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Unexpected;
}
