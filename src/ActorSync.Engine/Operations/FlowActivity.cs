using ActorSync.Domain.Operations;

namespace ActorSync.Engine.Operations;

/// <summary>
/// What one flow did on this node: totals since the node started and the last <see cref="Window"/>, counted from the
/// entities' journaled events (<see cref="FlowObservations"/>).
/// </summary>
/// <param name="Received">Records journaled for the first time (a redelivery is not counted).</param>
/// <param name="Posted">Documents SAP now holds (posted, or found by a look-up after an uncertain answer).</param>
/// <param name="Parked">Pieces of work parked for an operator (one per exception raised).</param>
/// <param name="LockWaits">Answers that records were locked by people in SAP, each followed by a wait and a retry.</param>
public sealed record FlowCounts(long Received, long Posted, long Parked, long LockWaits);

/// <param name="PostedPerMinute">Documents per minute over the window (throughput).</param>
/// <param name="ErrorRate">Parked / (posted + parked) over the window; null when neither happened.</param>
/// <param name="DelaySeconds">Seconds from a record's journaling to its first SAP document, for records both received and posted on this node in the window (lag).</param>
public sealed record FlowWindow(TimeSpan Window, FlowCounts Counts, double PostedPerMinute, double? ErrorRate, DelayStats? DelaySeconds);

public sealed record DelayStats(int Samples, double P50, double P95, double Max);

public sealed record FlowSnapshot(string Flow, FlowCounts SinceStart, FlowWindow Recent);

/// <summary>Thread-safe: entities on every dispatcher thread record, the ops API reads.</summary>
public sealed class FlowActivity(TimeProvider? time = null)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Records waiting for their first document; beyond this the oldest are forgotten (their delay is not measured).</summary>
    internal const int MaxPendingMarks = 50_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _sync = new();
    private readonly Dictionary<string, FlowState> _flows = FlowObservations.Flows.ToDictionary(f => f, _ => new FlowState(), StringComparer.Ordinal);

    private sealed class FlowState
    {
        public long Received, Posted, Parked, LockWaits;
        public readonly Queue<(DateTimeOffset At, char Kind)> Recent = new();
        public readonly Queue<(DateTimeOffset At, double Seconds)> Delays = new();
        public readonly Dictionary<string, DateTimeOffset> FirstReceived = new(StringComparer.Ordinal);
        public readonly Queue<string> MarkOrder = new();
    }

    /// <summary>Counts one observation; for a record's first document, returns how long after its journaling it came.</summary>
    public TimeSpan? Record(FlowObservation observation)
    {
        var now = _time.GetUtcNow();
        TimeSpan? delay = null;
        lock (_sync)
        {
            if (!_flows.TryGetValue(observation.Flow, out var flow)) _flows[observation.Flow] = flow = new FlowState();
            switch (observation)
            {
                case FlowObservation.Received received:
                    flow.Received++;
                    flow.Recent.Enqueue((now, 'r'));
                    if (flow.FirstReceived.TryAdd(received.EntityId, received.At))
                    {
                        flow.MarkOrder.Enqueue(received.EntityId);
                        while (flow.FirstReceived.Count > MaxPendingMarks && flow.MarkOrder.TryDequeue(out var oldest)) flow.FirstReceived.Remove(oldest);
                    }
                    break;
                case FlowObservation.Posted posted:
                    flow.Posted++;
                    flow.Recent.Enqueue((now, 'p'));
                    if (flow.FirstReceived.Remove(posted.EntityId, out var since))
                    {
                        delay = posted.At > since ? posted.At - since : TimeSpan.Zero;
                        flow.Delays.Enqueue((now, delay.Value.TotalSeconds));
                    }
                    break;
                case FlowObservation.Parked:
                    flow.Parked++;
                    flow.Recent.Enqueue((now, 'x'));
                    break;
                case FlowObservation.LockWait:
                    flow.LockWaits++;
                    flow.Recent.Enqueue((now, 'l'));
                    break;
            }
            Trim(flow, now);
        }
        return delay;
    }

    public IReadOnlyList<FlowSnapshot> Snapshot()
    {
        var now = _time.GetUtcNow();
        lock (_sync)
            return _flows.Select(kv => Snapshot(kv.Key, kv.Value, now)).ToList();
    }

    private static FlowSnapshot Snapshot(string name, FlowState flow, DateTimeOffset now)
    {
        Trim(flow, now);
        // MarkOrder may still name records that were posted since; keep it from growing without bound.
        if (flow.MarkOrder.Count > 2 * MaxPendingMarks) flow.MarkOrder.Clear();
        long received = 0, posted = 0, parked = 0, locks = 0;
        foreach (var (_, kind) in flow.Recent)
        {
            switch (kind)
            {
                case 'r': received++; break;
                case 'p': posted++; break;
                case 'x': parked++; break;
                default: locks++; break;
            }
        }
        var delays = flow.Delays.Select(d => d.Seconds).Order().ToArray();
        var delay = delays.Length == 0 ? null : new DelayStats(delays.Length, Percentile(delays, 0.5), Percentile(delays, 0.95), delays[^1]);
        var recent = new FlowWindow(Window, new FlowCounts(received, posted, parked, locks), posted / Window.TotalMinutes,
            posted + parked == 0 ? null : (double)parked / (posted + parked), delay);
        return new FlowSnapshot(name, new FlowCounts(flow.Received, flow.Posted, flow.Parked, flow.LockWaits), recent);
    }

    private static void Trim(FlowState flow, DateTimeOffset now)
    {
        var cutoff = now - Window;
        while (flow.Recent.TryPeek(out var head) && head.At < cutoff) flow.Recent.Dequeue();
        while (flow.Delays.TryPeek(out var head) && head.At < cutoff) flow.Delays.Dequeue();
    }

    /// <summary>Nearest rank on sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
