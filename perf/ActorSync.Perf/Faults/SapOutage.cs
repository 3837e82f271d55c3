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

    public override string Describe(ScenarioSize size) => $"Service Layer answers 503 for {size.FaultFor.TotalSeconds:F0}s";

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.Sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, (int)TimeSpan.FromMinutes(30).TotalMilliseconds) });
        run.FaultBegins("SAP down (503)");
        await FaultRun.HoldAsync(run.Size.FaultFor, ct);
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
        verdict.Seen($"circuit open {open.TotalSeconds:F1}s and not ready {notReady.TotalSeconds:F1}s of the {run.Size.FaultFor.TotalSeconds:F0}s outage " +
                     $"(not closed {openInAll.TotalSeconds:F1}s in all)");
        return Task.CompletedTask;
    }
}
