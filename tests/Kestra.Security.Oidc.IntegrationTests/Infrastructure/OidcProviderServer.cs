using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.Infrastructure;

/// <summary>
/// A running <c>tests/oidc-provider/server.mjs</c>: a real OpenID provider on 127.0.0.1 shaped like the
/// Keycloak realm <c>kestra</c>. Start with <see cref="StartAsync"/>; disposing stops the node process.
/// </summary>
public sealed class OidcProviderServer : IAsyncDisposable
{
    private const string ReadyPrefix = "READY ";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr;
    private readonly HttpClient _admin;

    private OidcProviderServer(Process process, ConcurrentQueue<string> stderr, Uri issuer, OidcProviderServerOptions options)
    {
        _process = process;
        _stderr = stderr;
        Issuer = issuer;
        Options = options;
        BaseAddress = new Uri(issuer.GetLeftPart(UriPartial.Authority) + "/");
        _admin = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary><c>http://127.0.0.1:{port}/realms/{realm}</c>, exactly as the discovery document says it.</summary>
    public Uri Issuer { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    public OidcProviderServerOptions Options { get; }

    public string ClientId => Options.ClientId;

    public string ClientSecret => Options.ClientSecret;

    public Uri RedirectUri => Options.RedirectUris[0];

    public Uri PostLogoutRedirectUri => Options.PostLogoutRedirectUris[0];

    /// <summary><see cref="Issuer"/> + <c>/.well-known/openid-configuration</c>.</summary>
    public Uri DiscoveryUri => new($"{Issuer}/.well-known/openid-configuration");

    /// <summary>What the server wrote on stderr so far (warnings, rotations, errors).</summary>
    public string StandardError => string.Join(Environment.NewLine, _stderr);

    public static async Task<OidcProviderServer> StartAsync(
        OidcProviderServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OidcProviderServerOptions();
        var directory = OidcProviderInstallation.FindDirectory();
        await OidcProviderInstallation.EnsureInstalledAsync(directory, options.InstallTimeout, cancellationToken);

        var process = OidcProviderInstallation.StartOrExplain(StartInfo(directory, options), "node");
        var stderr = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(line[ReadyPrefix.Length..].Trim()));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Enqueue(line);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new OidcProviderException("exited"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var issuer = await ready.Task.WaitAsync(options.StartupTimeout, cancellationToken);
            return new OidcProviderServer(process, stderr, issuer, options);
        }
        catch (Exception ex) when (ex is OidcProviderException or TimeoutException or OperationCanceledException)
        {
            var what = ex is OidcProviderException ? $"exited with code {ExitCodeOf(process)}" : $"was not ready within {options.StartupTimeout}";
            await StopAsync(process);
            process.Dispose();
            throw new OidcProviderException(
                $"The test OpenID provider ('node server.mjs' in '{directory}') {what}. Its stderr:{Environment.NewLine}" +
                string.Join(Environment.NewLine, stderr), ex);
        }
    }

    /// <summary>
    /// Makes the provider sign new tokens with a new RS256 key. The old public keys stay in the JWKS
    /// unless <paramref name="dropOld"/>. Sessions (cookies) survive.
    /// </summary>
    public async Task<KeyRotation> RotateKeysAsync(bool dropOld = false, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsync(
            new Uri($"/__admin/rotate-keys?drop-old={(dropOld ? "true" : "false")}", UriKind.Relative), content: null, cancellationToken);
        var body = await ReadAdminAsync<AdminKeys>(response, cancellationToken);
        return new KeyRotation(body.SigningKid, body.PublishedKids);
    }

    /// <summary>The <c>kid</c> new tokens are signed with right now.</summary>
    public async Task<string> GetSigningKidAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _admin.GetAsync(new Uri("/__admin/health", UriKind.Relative), cancellationToken);
        return (await ReadAdminAsync<AdminKeys>(response, cancellationToken)).SigningKid;
    }

    /// <summary>A new browser-like flow driver (its own cookies) for this server's client.</summary>
    public AuthorizationCodeFlow CreateFlow() => new(Issuer, ClientId, ClientSecret, RedirectUri);

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await StopAsync(_process);
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string directory, OidcProviderServerOptions options)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true, // the server exits when this pipe closes, i.e. when the test host dies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = startInfo.ArgumentList;
        arguments.Add("server.mjs");
        arguments.Add("--port");
        arguments.Add("0");
        arguments.Add("--realm");
        arguments.Add(options.Realm);
        arguments.Add("--client-id");
        arguments.Add(options.ClientId);
        arguments.Add("--client-secret");
        arguments.Add(options.ClientSecret);
        foreach (var uri in options.RedirectUris)
        {
            arguments.Add("--redirect-uri");
            arguments.Add(uri.AbsoluteUri);
        }

        foreach (var uri in options.PostLogoutRedirectUris)
        {
            arguments.Add("--post-logout-redirect-uri");
            arguments.Add(uri.AbsoluteUri);
        }

        if (options.RequireConsent)
        {
            arguments.Add("--require-consent");
        }

        if (options.BackchannelLogoutUri is { } backchannel)
        {
            arguments.Add("--backchannel-logout-uri");
            arguments.Add(backchannel.AbsoluteUri);
        }

        return startInfo;
    }

    private static Task StopAsync(Process process) => ChildProcess.StopAsync(process, TimeSpan.FromSeconds(3));

    private static string ExitCodeOf(Process process) =>
        process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static async Task<T> ReadAdminAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new OidcProviderException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new OidcProviderException($"{response.RequestMessage?.RequestUri} answered an empty body.");
    }

    private sealed record AdminKeys(
        [property: JsonPropertyName("signingKid")] string SigningKid,
        [property: JsonPropertyName("publishedKids")] IReadOnlyList<string> PublishedKids);
}
