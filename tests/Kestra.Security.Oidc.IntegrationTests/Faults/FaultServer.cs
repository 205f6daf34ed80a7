using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.Json;
using Kestra.Security.Oidc.Testing;

namespace Kestra.Security.Oidc.IntegrationTests.Faults;

/// <summary>
/// A running <c>tests/fault-server/server.mjs</c> on 127.0.0.1: an OpenID provider whose discovery document and JWKS
/// misbehave on demand, per realm. <see cref="StartAsync"/> starts the node process; disposing stops it.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private const string ReadyPrefix = "READY ";
    private const string RelativeDirectory = "tests/fault-server";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr;
    private readonly HttpClient _admin;

    private FaultServer(Process process, ConcurrentQueue<string> stderr, Uri baseAddress)
    {
        _process = process;
        _stderr = stderr;
        BaseAddress = baseAddress;
        _admin = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What the server wrote on stderr so far.</summary>
    public string StandardError => string.Join(Environment.NewLine, _stderr);

    /// <summary>The issuer of <paramref name="realm"/>, exactly as its discovery document states it.</summary>
    public Uri IssuerOf(string realm) => new(BaseAddress, $"realms/{realm}");

    public static async Task<FaultServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = FindDirectory(),
            RedirectStandardInput = true, // the server exits when this pipe closes, i.e. when the test host dies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("server.mjs");
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add("0");

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start");
        var stderr = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                ready.TrySetResult(new Uri(line[ReadyPrefix.Length..].Trim() + "/"));
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
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("the fault server exited: " + string.Join(Environment.NewLine, stderr)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            return new FaultServer(process, stderr, await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken));
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Sets how <paramref name="realm"/>'s discovery document and JWKS are answered from now on.</summary>
    public async Task SetFaultsAsync(string realm, FaultMode? discovery = null, FaultMode? jwks = null, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject();
        if (discovery is { } d)
        {
            body["discovery"] = Wire(d);
        }

        if (jwks is { } j)
        {
            body["jwks"] = Wire(j);
        }

        if (delay is { } wait)
        {
            body["delayMs"] = (long)wait.TotalMilliseconds;
        }

        using var response = await _admin.PostAsync(Admin(realm, "faults"), JsonContent.Create(body), cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Publishes a new signing key; the old ones stay published unless <paramref name="dropOld"/>. Returns the new kid.</summary>
    public async Task<string> RotateKeysAsync(string realm, bool dropOld = false, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsync(new Uri(Admin(realm, "rotate-keys") + $"?drop-old={(dropOld ? "true" : "false")}", UriKind.Relative), content: null, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("signingKid").GetString()!;
    }

    /// <summary>Signs <paramref name="claims"/> with the realm's current key (RS256); <paramref name="header"/> adds or overrides header fields.</summary>
    public async Task<string> SignAsync(string realm, JsonObject claims, JsonObject? header = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["claims"] = claims, ["header"] = header ?? [] };
        using var response = await _admin.PostAsync(Admin(realm, "sign"), JsonContent.Create(body), cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Signs <paramref name="rawClaims"/> as written (duplicate members survive) with the realm's current key, or the published
    /// key <paramref name="signWith"/>; <paramref name="header"/> adds or overrides header fields (an <c>alg</c> of RS384 or
    /// RS512 signs with that hash) and the <paramref name="unset"/> members are left out of it.
    /// </summary>
    public async Task<string> SignRawAsync(string realm, string rawClaims, JsonObject? header = null, IReadOnlyList<string>? unset = null,
        string? signWith = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["rawClaims"] = rawClaims, ["header"] = header ?? [], ["unset"] = new JsonArray([.. (unset ?? []).Select(u => JsonValue.Create(u))]) };
        if (signWith is not null)
        {
            body["signWith"] = signWith;
        }

        using var response = await _admin.PostAsync(Admin(realm, "sign"), JsonContent.Create(body), cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("token").GetString()!;
    }

    /// <summary>Publishes one more RSA key of <paramref name="bits"/> bits (never the current signing key). Returns its kid.</summary>
    public async Task<string> AddKeyAsync(string realm, int bits, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsync(Admin(realm, "add-key"), JsonContent.Create(new JsonObject { ["bits"] = bits }), cancellationToken);
        await EnsureAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("kid").GetString()!;
    }

    /// <summary>Adds or replaces members of the realm's discovery document (e.g. a <c>file:</c> <c>jwks_uri</c>).</summary>
    public async Task SetDocumentAsync(string realm, JsonObject members, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsync(Admin(realm, "document"), JsonContent.Create(members), cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public async Task<FaultServerStats> GetStatsAsync(string realm, CancellationToken cancellationToken = default) =>
        (await _admin.GetFromJsonAsync<FaultServerStats>(Admin(realm, "stats"), cancellationToken))!;

    public async Task ResetStatsAsync(string realm, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.PostAsync(Admin(realm, "reset-stats"), content: null, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await StopAsync(_process);
        _process.Dispose();
    }

    private static Uri Admin(string realm, string action) => new($"__admin/realms/{Uri.EscapeDataString(realm)}/{action}", UriKind.Relative);

    private static string Wire(FaultMode mode) => mode switch
    {
        FaultMode.SlowBody => "slow-body",
        FaultMode.WrongJson => "wrong-json",
        FaultMode.ServerError => "500",
        _ => mode.ToString().ToLowerInvariant(),
    };

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"fault server admin: {(int)response.StatusCode} {text}");
        }
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeDirectory);
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"Could not find {RelativeDirectory}/server.mjs above '{AppContext.BaseDirectory}'.");
    }

    private static Task StopAsync(Process process) => ChildProcess.StopAsync(process, TimeSpan.FromSeconds(3));
}
