using System.Collections.Concurrent;

namespace ActorSync.Host.Demo;

/// <summary>
/// The channel demo's log: the service's lines go to a file beside its journal, so the console keeps only the
/// progress display and a failed run can point at what the engine said.
/// </summary>
public sealed class DemoLogFile : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, Logger> _loggers = new(StringComparer.Ordinal);
    private long _warnings;
    private bool _disposed;

    public DemoLogFile(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Warnings and errors written so far.</summary>
    public long Warnings => Interlocked.Read(ref _warnings);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, c => new Logger(this, c));

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        if (level >= LogLevel.Warning) Interlocked.Increment(ref _warnings);
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {level,-11} {category}: {message}";
        lock (_lock)
        {
            // The service may still log while the demo closes the file.
            if (_disposed) return;
            _writer.WriteLine(line);
            if (exception is not null) _writer.WriteLine(exception);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }

    private sealed class Logger(DemoLogFile file, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) file.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
