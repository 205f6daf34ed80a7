using Kestra.Security.Oidc.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Kestra.Security.Oidc.DependencyInjection;

/// <summary>
/// Loads Kestra's YAML file, watches it, and reloads on change. A bad edit keeps the last good options and logs
/// every diagnostic; a good edit replaces them and signals <see cref="IOptionsMonitor{TOptions}"/>.
/// </summary>
internal sealed class KestraYamlOptionsSource :
    IConfigureOptions<KestraOidcOptions>,
    IOptionsChangeTokenSource<KestraOidcOptions>,
    IDisposable
{
    private readonly string _path;
    private readonly KestraConfigurationLoadOptions? _loadOptions;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _debounce;
    private readonly object _gate = new();
    private readonly object _reloadGate = new();
    private KestraOidcOptions _current;
    private CancellationTokenSource _changed = new();

    public KestraYamlOptionsSource(string path, KestraConfigurationLoadOptions? loadOptions, ILogger<KestraYamlOptionsSource>? logger, bool watch)
    {
        _path = Path.GetFullPath(path);
        _loadOptions = loadOptions;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var result = KestraYamlConfiguration.LoadFile(_path, loadOptions);
        Log(result);
        _current = result.GetOptionsOrThrow();
        if (watch && Path.GetDirectoryName(_path) is { } directory && Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            // An editor's save is several events (truncate, write, rename); reading at the first one can see a half-written
            // file that happens to be valid YAML. Reload once, a moment after the last event.
            _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>How long the file must stay unchanged before a watched change is reloaded.</summary>
    internal static TimeSpan ReloadDelay { get; } = TimeSpan.FromMilliseconds(200);

    public string? Name => Options.DefaultName;

    public void Configure(KestraOidcOptions options)
    {
        lock (_gate)
        {
            _current.CopyTo(options);
        }
    }

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>Reloads the file now; returns whether the new content was applied.</summary>
    public bool Reload()
    {
        lock (_reloadGate) // one reload at a time, so an older read never replaces a newer one
        {
            return ReloadCore();
        }
    }

    private void ScheduleReload() => _debounce?.Change(ReloadDelay, Timeout.InfiniteTimeSpan);

    private bool ReloadCore()
    {
        var result = KestraYamlConfiguration.LoadFile(_path, _loadOptions);
        Log(result);
        CancellationTokenSource previous;
        lock (_gate)
        {
            if (!result.IsValid)
            {
                KestraOidcLog.ReloadRejected(_logger, _path, result.Errors.Count());
                return false;
            }

            _current = result.Options;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        KestraOidcLog.Reloaded(_logger, _path);
        previous.Cancel();
        previous.Dispose();
        return true;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _changed.Dispose();
    }

    private void Log(KestraConfigurationResult result)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                KestraOidcLog.ConfigurationError(_logger, diagnostic.ToString());
            }
            else
            {
                KestraOidcLog.ConfigurationWarning(_logger, diagnostic.ToString());
            }
        }
    }
}
