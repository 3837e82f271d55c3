using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Perf.Faults;

/// <summary>
/// SAP's Service Layer goes down mid-drain (every request 503) and comes back. The client's circuit must open (the
/// operator sees it on <c>/api/gateway/sap</c>, and <c>/health/ready</c> answers 503), the orders wait journaled, and
/// once SAP is back every one posts once.
/// </summary>
public sealed class SapOutage : FaultScenario
{
    public override string Name => "sap-outage";

    // At least 6 s: the circuit opens only after the batches in flight have failed enough attempts, which can take a
    // few seconds on a loaded runner, and the verdict wants it seen open while SAP is still down.
    private static TimeSpan Down(ScenarioSize size) => size.FaultFor > TimeSpan.FromSeconds(6) ? size.FaultFor : TimeSpan.FromSeconds(6);

    public override string Describe(ScenarioSize size) => $"Service Layer answers 503 for {Down(size).TotalSeconds:F0}s";

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, (int)TimeSpan.FromMinutes(30).TotalMilliseconds) });
        run.FaultBegins("SAP down (503)");
        await FaultRun.HoldAsync(Down(run.Size), ct);
        run.Sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });
        run.FaultLifted();
    }

    public override Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        var open = run.TimeSeen(s => s.FaultOn && s.Circuit == "Open");
        var notReady = run.TimeSeen(s => s.FaultOn && !s.Ready && s.NotReadyBecause.Contains("sap circuit", StringComparison.Ordinal));
        verdict.Require(open > TimeSpan.Zero,
            $"the circuit was never seen open during the outage (seen: {string.Join(", ", run.Samples.Where(s => s.FaultOn).Select(s => s.Circuit).Distinct())})");
        verdict.Require(notReady > TimeSpan.Zero, "/health/ready never said 'sap circuit' not ready during the outage");
        var openInAll = run.TimeSeen(s => s.Circuit != "Closed");
        verdict.Seen($"circuit open {open.TotalSeconds:F1}s and not ready {notReady.TotalSeconds:F1}s of the {Down(run.Size).TotalSeconds:F0}s outage " +
                     $"(not closed {openInAll.TotalSeconds:F1}s in all)");
        return Task.CompletedTask;
    }
}
