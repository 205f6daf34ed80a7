using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Kestra.Security.Oidc.AspNetCore.Authentication;

/// <summary>
/// Rebuilds a handler's named options (client id, secret, scopes, …) when Kestra's options change, e.g. an edited YAML file:
/// ASP.NET Core caches named options until their change token fires.
/// </summary>
internal sealed class KestraOptionsChangeTokenSource<TOptions> : IOptionsChangeTokenSource<TOptions>, IDisposable
{
    private readonly IDisposable? _subscription;
    private CancellationTokenSource _changed = new();

    public KestraOptionsChangeTokenSource(string name, IOptionsMonitor<KestraOidcOptions> kestra)
    {
        Name = name;
        _subscription = kestra.OnChange(_ =>
        {
            var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            previous.Cancel();
        });
    }

    public string Name { get; }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    public void Dispose()
    {
        _subscription?.Dispose();
        _changed.Dispose();
    }
}
