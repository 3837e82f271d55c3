namespace ActorSync.ServiceLayer.Concurrency;

/// <summary>What a <see cref="ConcurrencyGate"/> shows: the limit now, what SAP's answers look like, why it last changed.</summary>
public sealed record ConcurrencyView(bool Adaptive, int Limit, int Min, int Max, int InFlight, int Waiting, double? UnloadedMsPerDocument, double? RecentMsPerDocument, LimitChange? LastChange);

/// <summary>
/// Admits requests to SAP up to an <see cref="AdaptiveConcurrencyLimit"/> (or a fixed one) and feeds it each
/// request's outcome. A lower limit takes effect as requests finish (nothing in flight is cancelled); a higher one
/// admits waiting requests at once. Thread-safe.
/// </summary>
public sealed class ConcurrencyGate
{
    private readonly object _sync = new();
    private readonly AdaptiveConcurrencyLimit? _adaptive;
    private readonly int _fixed;
    private readonly Queue<TaskCompletionSource<Permit>> _waiting = new();
    private readonly Action<LimitChange>? _changed;
    private int _inFlight;

    private ConcurrencyGate(AdaptiveConcurrencyLimit? adaptive, int fixedLimit, Action<LimitChange>? changed) =>
        (_adaptive, _fixed, _changed) = (adaptive, fixedLimit, changed);

    public static ConcurrencyGate Adaptive(AdaptiveLimitOptions options, Action<LimitChange>? changed = null) => new(new AdaptiveConcurrencyLimit(options), 0, changed);

    public static ConcurrencyGate Fixed(int limit) =>
        limit >= 1 ? new(null, limit, null) : throw new ArgumentOutOfRangeException(nameof(limit), limit, "A fixed concurrency limit must be at least 1.");

    private int Limit => _adaptive?.Current ?? _fixed;

    public ConcurrencyView View
    {
        get
        {
            lock (_sync)
                return new ConcurrencyView(_adaptive is not null, Limit, _adaptive?.Options.Min ?? _fixed, _adaptive?.Options.Max ?? _fixed, _inFlight, _waiting.Count,
                    _adaptive?.Unloaded?.TotalMilliseconds, _adaptive?.Recent?.TotalMilliseconds, _adaptive?.LastChange);
        }
    }

    /// <summary>Waits for room under the limit; the permit records how many were in flight when it was granted.</summary>
    public Task<Permit> EnterAsync()
    {
        lock (_sync)
        {
            if (_inFlight < Limit && _waiting.Count == 0) return Task.FromResult(Grant());
            var waiter = new TaskCompletionSource<Permit>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
            return waiter.Task;
        }
    }

    /// <summary>Leaves the gate with the outcome of the request the permit was for.</summary>
    public void Leave(Permit permit, LimitSignal signal, TimeSpan perDocument)
    {
        LimitChange? change;
        lock (_sync)
        {
            _inFlight--;
            change = _adaptive?.Observe(signal, perDocument, permit.InFlight, DateTimeOffset.UtcNow);
            while (_waiting.Count > 0 && _inFlight < Limit) _waiting.Dequeue().SetResult(Grant());
        }
        if (change is not null) _changed?.Invoke(change);
    }

    /// <summary>
    /// Records the outcome of one request and keeps its place for the next request of the same work (the documents SAP
    /// skipped behind a failed changeset, sent again at once). Queueing for a new place instead could wait for ever:
    /// the next batch may hold the only place while it waits for the work that is queueing to make room downstream.
    /// A lower limit takes effect when the work leaves.
    /// </summary>
    public Permit Renew(Permit permit, LimitSignal signal, TimeSpan perDocument)
    {
        LimitChange? change;
        Permit renewed;
        lock (_sync)
        {
            change = _adaptive?.Observe(signal, perDocument, permit.InFlight, DateTimeOffset.UtcNow);
            renewed = new Permit(_inFlight);
            while (_waiting.Count > 0 && _inFlight < Limit) _waiting.Dequeue().SetResult(Grant());
        }
        if (change is not null) _changed?.Invoke(change);
        return renewed;
    }

    private Permit Grant() => new(++_inFlight);

    /// <param name="InFlight">Requests in flight, this one included, when it was admitted.</param>
    public readonly record struct Permit(int InFlight);
}
