using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Perf.Faults;

/// <summary>
/// SAP's Service Layer goes down mid-drain (every request 503) and comes back. The client's circuit must open (the
/// operator sees it on <c>/api/gateway/sap</c>, and <c>/health/ready</c> answers 503), the orders wait journaled, and
/// once SAP is back every one posts once. The outage lasts at least the scenario's fault time and, like a real one, goes
/// on until the operator has seen the circuit open (at most 30 s).
/// </summary>
public sealed class SapOutage : FaultScenario
{
    public override string Name => "sap-outage";

    // At least 6 s: the circuit opens only after the batches in flight have failed enough attempts, which can take a
    // few seconds on a loaded runner, and the verdict wants it seen open while SAP is still down.
    private static TimeSpan Down(ScenarioSize size) => size.FaultFor > TimeSpan.FromSeconds(6) ? size.FaultFor : TimeSpan.FromSeconds(6);

    // The breaker opens on the share of failures in its sampling window (10 s here). Successes from just before the
    // outage are still in that window, and once its retries are spent an order waits for its next wake (5 s), so a
    // short outage can end before failures outweigh them. SAP stays down, as a real outage would, until the circuit
    // has been seen open or this long has passed: an engine whose circuit never opens still fails the verdict.
    private static readonly TimeSpan LongestOutage = TimeSpan.FromSeconds(30);

    public override string Describe(ScenarioSize size) => $"Service Layer answers 503 for at least {Down(size).TotalSeconds:F0}s, until the circuit is seen open";

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, (int)TimeSpan.FromMinutes(30).TotalMilliseconds) });
        run.FaultBegins("SAP down (503)");
        var down = System.Diagnostics.Stopwatch.StartNew();
        await FaultRun.HoldAsync(Down(run.Size), ct);
        while (!SeenOpen(run) && down.Elapsed < LongestOutage && !ct.IsCancellationRequested)
            await Task.Delay(250, CancellationToken.None);
        _downFor = down.Elapsed;
        run.Sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
        run.FaultLifted();
    }

    private TimeSpan _downFor;

    private static bool SeenOpen(FaultRun run) => run.Samples.Any(s => s.FaultOn && s.Circuit == "Open");

    public override Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        var open = run.TimeSeen(s => s.FaultOn && s.Circuit == "Open");
        var notReady = run.TimeSeen(s => s.FaultOn && !s.Ready && s.NotReadyBecause.Contains("sap circuit", StringComparison.Ordinal));
        verdict.Require(open > TimeSpan.Zero,
            $"the circuit was never seen open during the outage (seen: {string.Join(", ", run.Samples.Where(s => s.FaultOn).Select(s => s.Circuit).Distinct())})");
        verdict.Require(notReady > TimeSpan.Zero, "/health/ready never said 'sap circuit' not ready during the outage");
        var openInAll = run.TimeSeen(s => s.Circuit != "Closed");
        verdict.Seen($"circuit open {open.TotalSeconds:F1}s and not ready {notReady.TotalSeconds:F1}s of the {_downFor.TotalSeconds:F0}s outage " +
                     $"(not closed {openInAll.TotalSeconds:F1}s in all)");
        return Task.CompletedTask;
    }
}
