using System.Text;
using Kestra.Security.Oidc.Configuration;

namespace Kestra.Security.Oidc.Fuzz.Targets;

/// <summary>
/// <c>yaml</c>: <see cref="KestraYamlConfiguration.Parse"/> must never throw on any text (only diagnostics), must never
/// put a client secret in a diagnostic or a <c>ToString()</c>, and <see cref="KestraConfigurationResult.GetOptionsOrThrow"/>
/// throws only <see cref="KestraConfigurationException"/>, and only when there are errors.
/// </summary>
internal sealed class YamlTarget : IFuzzTarget
{
    // A secret shorter than this may legitimately appear elsewhere in a message (a key name, "true", a port…).
    private const int MinimumCheckedSecretLength = 8;

    private static readonly KestraConfigurationLoadOptions LoadOptions = new()
    {
        EnvironmentVariables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["KEYCLOAK_CLIENT_SECRET"] = "env-secret-7f3a9c21",
        },
    };

    public string Name => "yaml";

    public void Run(ReadOnlySpan<byte> data)
    {
        var yaml = Encoding.UTF8.GetString(data);
        var result = KestraYamlConfiguration.Parse(yaml, "fuzz.yml", LoadOptions);

        var rendered = new StringBuilder();
        foreach (var diagnostic in result.Diagnostics)
        {
            rendered.AppendLine(diagnostic.ToString());
        }

        var options = result.Options;
        rendered.AppendLine(options.ToString());
        foreach (var client in options.Clients.Values)
        {
            rendered.AppendLine(client.ToString());
        }

        try
        {
            _ = result.GetOptionsOrThrow();
            if (!result.IsValid)
            {
                throw new FuzzInvariantException("GetOptionsOrThrow returned options for an invalid configuration");
            }
        }
        catch (KestraConfigurationException ex) when (!result.IsValid)
        {
            rendered.AppendLine(ex.Message);
        }

        var text = rendered.ToString();
        foreach (var (name, client) in options.Clients)
        {
            if (client.ClientSecret is { Length: >= MinimumCheckedSecretLength } secret
                && Occurrences(yaml, secret) <= 1
                && !name.Contains(secret, StringComparison.Ordinal)
                && text.Contains(secret, StringComparison.Ordinal))
            {
                throw new FuzzInvariantException($"the client secret of '{name}' appears in a diagnostic or ToString()");
            }
        }
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
