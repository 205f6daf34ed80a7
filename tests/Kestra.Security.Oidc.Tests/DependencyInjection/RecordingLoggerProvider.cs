using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kestra.Security.Oidc.Tests.DependencyInjection;

/// <summary>Records every log entry and lets a test await the first entry with a given event id (a signal, not a sleep).</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> _entries = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _signals = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Message)> Entries => [.. _entries];

    /// <summary>Completes when an entry with <paramref name="eventId"/> is logged after this call's first use.</summary>
    public Task WaitFor(int eventId) => Signal(eventId).Task;

    /// <summary>Forgets the entries and signals recorded so far.</summary>
    public void Clear()
    {
        _entries.Clear();
        _signals.Clear();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private TaskCompletionSource Signal(int eventId) =>
        _signals.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Logger(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._entries.Enqueue((eventId, logLevel, formatter(state, exception)));
            owner.Signal(eventId.Id).TrySetResult();
        }
    }
}
