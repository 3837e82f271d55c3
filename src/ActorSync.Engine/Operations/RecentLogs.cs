using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ActorSync.Engine.Operations;

/// <summary>One log line as the ops API shows it: what was said, with its named values, never a payload or a secret.</summary>
/// <param name="Properties">The message's named values (<c>OrderId</c>, <c>DocEntry</c> …), secrets left out.</param>
/// <param name="Error">The exception's type and first line, without its stack.</param>
public sealed record LogLine(long Sequence, DateTimeOffset At, string Level, string Category, string Message,
    IReadOnlyDictionary<string, string> Properties, string? Error);

/// <summary>
/// A bounded ring of this node's recent log lines, kept by a logger provider (<see cref="RecentLogsProvider"/>) for
/// <c>GET /api/log</c> and <c>actorsync log tail</c>. Lines are cut at <see cref="MaxMessageChars"/> so a payload
/// that slipped into a message never comes back whole, and named values that look like credentials are dropped and
/// masked in the text.
/// </summary>
public sealed partial class RecentLogs(int capacity = RecentLogs.DefaultCapacity)
{
    public const int DefaultCapacity = 2000;
    public const int MaxMessageChars = 400;

    private readonly object _sync = new();
    private readonly Queue<LogLine> _lines = new();
    private long _sequence;

    public int Capacity => capacity;

    [GeneratedRegex("pass(word)?|secret|token|authori[sz]ation|api[-_]?key|cookie|signature|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    public void Add(DateTimeOffset at, LogLevel level, string category, string message, IEnumerable<KeyValuePair<string, object?>> state, Exception? error)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in state)
        {
            if (key == "{OriginalFormat}" || value is null) continue;
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (SecretName().IsMatch(key))
            {
                if (text.Length > 0) message = message.Replace(text, "***", StringComparison.Ordinal);
                continue;
            }
            properties[key] = Cut(text, 200);
        }
        var errorText = error is null ? null : Cut($"{error.GetType().Name}: {FirstLine(error.Message)}", MaxMessageChars);
        lock (_sync)
        {
            _lines.Enqueue(new LogLine(++_sequence, at, level.ToString(), category, Cut(message, MaxMessageChars), properties, errorText));
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    /// <summary>
    /// The last <paramref name="tail"/> lines, oldest first; with <paramref name="about"/> only lines that name it (an
    /// order id such as <c>magento:1001</c>, a <c>NumAtCard</c>, an exception id) in a value or in the text.
    /// </summary>
    public IReadOnlyList<LogLine> Tail(int tail, string? about = null)
    {
        LogLine[] all;
        lock (_sync) all = _lines.ToArray();
        IEnumerable<LogLine> lines = all;
        if (!string.IsNullOrWhiteSpace(about))
            lines = lines.Where(l => l.Properties.Values.Any(v => string.Equals(v, about, StringComparison.OrdinalIgnoreCase))
                || l.Message.Contains(about, StringComparison.OrdinalIgnoreCase));
        var matching = lines.ToList();
        return matching.Skip(Math.Max(0, matching.Count - Math.Max(0, tail))).ToList();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}

/// <summary>Feeds <see cref="RecentLogs"/>; which levels reach it is ordinary logging configuration (the engine adds its flow lines from Debug).</summary>
[ProviderAlias("Recent")]
public sealed class RecentLogsProvider(RecentLogs ring, TimeProvider? time = null) : ILoggerProvider
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ILogger CreateLogger(string categoryName) => new RingLogger(ring, categoryName, _time);

    public void Dispose() { }

    private sealed class RingLogger(RecentLogs ring, string category, TimeProvider time) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            ring.Add(time.GetUtcNow(), logLevel, category, formatter(state, exception), values, exception);
        }
    }
}
