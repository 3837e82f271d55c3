namespace ActorSync.ServiceLayer.Tests.Fakes;

/// <summary>
/// A clock that moves only when told. Timers (Polly's delays and timeouts, CancellationTokenSource timeouts) fire
/// inside <see cref="Advance"/>, so back-off and circuit-breaker specs never sleep.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Time until the earliest pending timer, if any.</summary>
    public TimeSpan? NextTimerIn()
    {
        lock (_gate)
        {
            var due = _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            return due == DateTimeOffset.MaxValue ? null : due - _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due is { } d && d <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }
                _now = next.Due!.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
            }
            next.Fire(); // outside the lock: callbacks may create or change timers
        }
    }

    /// <summary>
    /// Awaits <paramref name="task"/>, advancing the clock to each pending timer that is due within
    /// <paramref name="maxStep"/> (retry delays) but never to farther ones (request timeouts), so a slow real thread
    /// can never be mistaken for a timeout.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan maxStep)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException("The operation did not finish while driving the manual clock.");
            if (NextTimerIn() is { } wait && wait <= maxStep) Advance(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            else await Task.Delay(1);
        }
        return await task;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this)) owner._timers.Add(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
            }
            if (dueTime == TimeSpan.Zero)
            {
                lock (owner._gate) Due = Period is { } p && p > TimeSpan.Zero ? owner._now + p : null;
                Fire();
            }
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
