using System.Diagnostics.CodeAnalysis;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Sample.Commands;

/// <summary>Loads the configuration for a command, printing diagnostics to stderr, and picks the client.</summary>
internal static class ConfigLoader
{
    public static bool TryLoad(string path, string? requestedClient, [NotNullWhen(true)] out KestraOidcOptions? options, out string? client)
    {
        var result = KestraYamlConfiguration.LoadFile(path);
        foreach (var diagnostic in result.Diagnostics)
        {
            Output.Error(diagnostic.ToString());
        }

        options = null;
        client = null;
        if (!result.IsValid)
        {
            return false;
        }

        options = result.Options;
        if (requestedClient is not null)
        {
            if (!options.Clients.ContainsKey(requestedClient))
            {
                Output.Error($"kestra-oidc: there is no client '{requestedClient}' in {path}; configured: {(options.Clients.Count == 0 ? "none" : string.Join(", ", options.Clients.Keys))}");
                return false;
            }

            client = requestedClient;
        }
        else
        {
            client = options.Clients.Count == 1 ? options.Clients.Keys.First() : null;
        }

        return true;
    }
}
