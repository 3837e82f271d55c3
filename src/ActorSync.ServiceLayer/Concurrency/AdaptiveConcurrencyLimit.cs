namespace ActorSync.ServiceLayer.Concurrency;

/// <summary>The bounds and the sensitivity of an <see cref="AdaptiveConcurrencyLimit"/>.</summary>
/// <param name="Min">Never fewer requests in flight than this (1: the engine always makes progress).</param>
/// <param name="Max">Never more: the session cap less the sessions reserved for people.</param>
/// <param name="Initial">Where the limit starts, before SAP has answered anything.</param>
/// <param name="GrowBelow">The limit grows while the smoothed latency per document stays under this multiple of the unloaded latency.</param>
/// <param name="BackOffAbove">The limit shrinks once the smoothed latency per document exceeds this multiple: SAP is queueing.</param>
/// <param name="DecreaseFactor">A shrink multiplies the limit by this (multiplicative decrease).</param>
/// <param name="BaselineWindow">The unloaded latency is the lowest seen in the last one to two of these windows.</param>
public sealed record AdaptiveLimitOptions(int Min, int Max, int Initial, double GrowBelow = 1.05, double BackOffAbove = 1.3, double DecreaseFactor = 0.75, TimeSpan? BaselineWindow = null)
{
    public TimeSpan Window => BaselineWindow ?? TimeSpan.FromMinutes(5);

    public void Validate()
    {
        if (Min < 1) throw new ArgumentException($"The minimum concurrency must be at least 1 (was {Min}).");
        if (Max < Min) throw new ArgumentException($"The maximum concurrency ({Max}) must not be below the minimum ({Min}).");
        if (Initial < Min || Initial > Max) throw new ArgumentException($"The initial concurrency ({Initial}) must lie between {Min} and {Max}.");
        if (GrowBelow < 1 || BackOffAbove <= GrowBelow) throw new ArgumentException($"Need 1 <= GrowBelow ({GrowBelow}) < BackOffAbove ({BackOffAbove}).");
        if (DecreaseFactor is <= 0 or >= 1) throw new ArgumentException($"DecreaseFactor must lie strictly between 0 and 1 (was {DecreaseFactor}).");
    }
}

/// <summary>How one request to SAP ended, as the limit reads it.</summary>
public enum LimitSignal
{
    /// <summary>SAP answered (created, refused, any verdict): its latency says how loaded SAP is.</summary>
    Answered,

    /// <summary>SAP timed out, refused for load (503) or the circuit is open: back off at once, whatever the latency.</summary>
    Overloaded,
}

/// <summary>Why the limit last changed, for the ops API and the log.</summary>
public sealed record LimitChange(int From, int To, string Reason, DateTimeOffset At);

/// <summary>
/// How many requests the engine may have in flight at SAP, found from SAP's own answers, in the manner of TCP Vegas
/// and Netflix's concurrency limits: SAP shares a fixed number of workers between the engine and the people working in
/// it, so while the engine's requests take about as long per document as an unloaded SAP needs, a worker was free and
/// one more request in flight is worth trying; once they take much longer, requests are queueing behind busy workers
/// (the engine's or people's) and the engine steps back. Additive increase (one more per round of <c>limit</c>
/// answers, and only while the whole limit was in use), multiplicative decrease (at most once per round).
/// <para>
/// The unloaded latency is the lowest smoothed latency per document seen in the last one to two baseline windows (two
/// buckets, the older dropped as a new one opens), so a SAP that has really become slower (a bigger database, other
/// hardware) is learned again within two windows instead of read as overload for ever. The thresholds are tight
/// (grow under 1.05x, back off over 1.3x): on eight workers one request too many already shows as 1.125x, so the
/// engine stops growing about where the people's share of the workers begins. Latency is per document because a
/// <c>$batch</c> of fifty takes fifty times as long as one of one. Not thread-safe: the caller serialises access
/// (<see cref="ConcurrencyGate"/>).
/// </para>
/// </summary>
public sealed class AdaptiveConcurrencyLimit
{
    private const double Smoothing = 0.3;

    private readonly AdaptiveLimitOptions _options;
    private double _limit;
    private int _answersSinceDecrease;
    private double _olderMinimum = double.MaxValue, _currentMinimum = double.MaxValue;
    private DateTimeOffset? _windowStart;

    public AdaptiveConcurrencyLimit(AdaptiveLimitOptions options)
    {
        options.Validate();
        _options = options;
        _limit = options.Initial;
        _answersSinceDecrease = options.Initial;
    }

    public AdaptiveLimitOptions Options => _options;

    /// <summary>Requests that may be in flight now.</summary>
    public int Current => (int)Math.Floor(_limit);

    /// <summary>The lowest smoothed latency per document seen in the last one to two windows; null before the first answer.</summary>
    public TimeSpan? Unloaded { get; private set; }

    /// <summary>Recent latency per document, smoothed; null before the first answer.</summary>
    public TimeSpan? Recent { get; private set; }

    public LimitChange? LastChange { get; private set; }

    /// <summary>
    /// Takes one answer: how long the request took per document and how many requests were in flight when it was sent
    /// (this one included). Returns the change it caused, if any.
    /// </summary>
    public LimitChange? Observe(LimitSignal signal, TimeSpan perDocument, int inFlight, DateTimeOffset now)
    {
        _answersSinceDecrease++;
        if (signal == LimitSignal.Overloaded)
            return Decrease("SAP timed out, refused for load or is unreachable", now);

        var sample = Math.Max(perDocument.TotalMilliseconds, 0.001);
        var recent = Recent is { } smoothed ? smoothed.TotalMilliseconds + Smoothing * (sample - smoothed.TotalMilliseconds) : sample;
        if (_windowStart is null || now - _windowStart >= _options.Window)
            (_olderMinimum, _currentMinimum, _windowStart) = (_windowStart is null ? double.MaxValue : _currentMinimum, double.MaxValue, now);
        // The lowest smoothed latency, not the lowest single answer: one lucky answer would make every later one look loaded.
        _currentMinimum = Math.Min(_currentMinimum, recent);
        var unloaded = Math.Min(_olderMinimum, _currentMinimum);
        (Unloaded, Recent) = (TimeSpan.FromMilliseconds(unloaded), TimeSpan.FromMilliseconds(recent));

        var ratio = recent / unloaded;
        if (ratio > _options.BackOffAbove)
            return Decrease($"{ratio:F1}x the unloaded latency per document: SAP is queueing", now);
        // Grow only when the limit was what held the engine back (an idle engine learns nothing about SAP's room), and
        // only on the latest answer as well as the smoothed ones: the average lags a step behind a queue that just began.
        if (ratio < _options.GrowBelow && sample / unloaded < _options.GrowBelow && inFlight >= Current && Current < _options.Max)
        {
            var before = Current;
            _limit = Math.Min(_options.Max, _limit + 1.0 / Math.Max(1, Current));
            if (Current != before) return Changed(before, $"{ratio:F1}x the unloaded latency per document: SAP has room", now);
        }
        return null;
    }

    private LimitChange? Decrease(string reason, DateTimeOffset now)
    {
        // Once per round: the answers of requests sent before the last decrease still show the old load.
        if (_answersSinceDecrease < Current || Current <= _options.Min) return null;
        var before = Current;
        _limit = Math.Max(_options.Min, Math.Floor(_limit * _options.DecreaseFactor));
        _answersSinceDecrease = 0;
        return Current != before ? Changed(before, reason, now) : null;
    }

    private LimitChange Changed(int before, string reason, DateTimeOffset now) => LastChange = new LimitChange(before, Current, reason, now);
}
