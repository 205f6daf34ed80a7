using Kestra.Security.Oidc.ClaimSources;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>What the commands that talk to the provider share: the HTTP client and the exit code of a discovery failure.</summary>
internal static class ProviderSupport
{
    public static HttpClient CreateHttpClient() => new(IssuerMetadataProvider.CreatePrimaryHandler());

    /// <summary>Picks the client or explains why not; the caller returns <see cref="ExitCodes.InvalidInput"/> on <see langword="null"/>.</summary>
    public static string? RequireClient(KestraOidcOptions options, string? client, string path)
    {
        if (client is null)
        {
            Output.Error($"kestra-oidc: {path} has {options.Clients.Count} clients ({string.Join(", ", options.Clients.Keys)}); choose one with --client NAME");
        }

        return client;
    }

    /// <summary>SPEC §6: a configuration problem is invalid input (2), a refused issuer is a rejection (3), anything else the provider did is 4.</summary>
    public static int Report(DiscoveryException ex)
    {
        Output.Error($"kestra-oidc: {ex.Message}");
        if (ex.StatusCode is { } status)
        {
            Output.Error($"kestra-oidc: the provider answered {status}{(ex.ContentType is null ? string.Empty : $" with {ex.ContentType}")}{(ex.ContentLength is null ? string.Empty : $", {ex.ContentLength} bytes")}");
        }

        return ex.IsConfigurationProblem ? ExitCodes.InvalidInput
            : ex.Code == DiscoveryErrorCodes.IssuerMismatch ? ExitCodes.Rejected
            : ExitCodes.ProviderFailure;
    }

    /// <summary>SPEC §6: a userinfo or introspection endpoint that cannot be used is the provider answering wrongly (4), never a grant.</summary>
    public static int Report(ClaimSourceException ex)
    {
        Output.Error($"kestra-oidc: {ex.Message}");
        return ExitCodes.ProviderFailure;
    }
}
