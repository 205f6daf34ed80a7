using Kestra.Security.Oidc.IntegrationTests.Infrastructure;

namespace Kestra.Security.Oidc.EndToEndTests.Infrastructure;

/// <summary>
/// The test OpenID provider (a Keycloak-like realm with alice and bob) and the web sample as Kestra, both on 127.0.0.1:
/// the provider registers the sample's <c>/oauth/callback/keycloak</c> and <c>/logout</c>; the sample's YAML points at the
/// provider's issuer and sets <c>kestra.url</c> to the sample's own URL.
/// </summary>
public sealed class KestraSite : IAsyncDisposable
{
    private readonly string _directory;

    private KestraSite(OidcProviderServer provider, WebSampleProcess sample, string directory, string configPath)
    {
        Provider = provider;
        Sample = sample;
        _directory = directory;
        ConfigPath = configPath;
    }

    public OidcProviderServer Provider { get; }

    public WebSampleProcess Sample { get; }

    /// <summary>The sample's URL, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => Sample.Url;

    public string ConfigPath { get; }

    public Uri At(string pathAndQuery) => new(Url, pathAndQuery);

    public static async Task<KestraSite> StartAsync(CancellationToken cancellationToken = default)
    {
        var kestraUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var provider = await OidcProviderServer.StartAsync(new OidcProviderServerOptions
        {
            RedirectUris = [new Uri(kestraUrl, $"/oauth/callback/{KestraYaml.ClientName}")],
            PostLogoutRedirectUris = [new Uri(kestraUrl, "/logout")],
            BackchannelLogoutUri = new Uri(kestraUrl, $"/oauth/backchannel-logout/{KestraYaml.ClientName}"),
        }, cancellationToken);

        var directory = Path.Combine(Path.GetTempPath(), "kestra-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var configPath = KestraYaml.Write(directory, provider.Issuer, kestraUrl);
            var sample = await WebSampleProcess.StartAsync(configPath, cancellationToken);
            return new KestraSite(provider, sample, directory, configPath);
        }
        catch
        {
            await provider.DisposeAsync();
            TryDelete(directory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sample.DisposeAsync();
        await Provider.DisposeAsync();
        TryDelete(_directory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
