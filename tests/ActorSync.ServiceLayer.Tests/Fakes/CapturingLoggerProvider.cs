using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorSync.ServiceLayer.Tests.Fakes;

/// <summary>Keeps every log line: the rendered message and each structured field.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Rendered messages and every structured value, one string each.</summary>
    public IReadOnlyList<string> Entries => _entries.ToArray();

    public string AllText => string.Join("\n", _entries);

    public ILoggerFactory CreateFactory() =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Capturing(this);

    public void Dispose() { }

    private sealed class Capturing(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._entries.Enqueue($"{logLevel}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> fields)
                foreach (var (key, value) in fields) owner._entries.Enqueue($"  {key}={value}");
            if (exception is not null) owner._entries.Enqueue("  exception=" + exception);
        }
    }
}
