using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Perf.Faults;

/// <summary>
/// SAP commits a <c>$batch</c> and the connection is cut before its answer arrives, several times mid-drain. The
/// engine cannot know whether those orders are in SAP; it must look them up by NumAtCard and post only those that
/// are not, so SAP never gets a second document.
/// </summary>
public sealed class DroppedAnswers : FaultScenario
{
    public override string Name => "dropped-answers";

    private static int Drops(ScenarioSize size) => size.Quick ? 3 : 8;

    public override string Describe(ScenarioSize size) => $"{Drops(size)} batch answers cut after SAP committed";

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.Sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(Drops(run.Size), "Orders") });
        run.FaultBegins($"the next {Drops(run.Size)} answers that created orders are cut");
        await FaultRun.HoldAsync(run.Size.FaultFor, ct);
        run.Sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(0, "Orders") });
        run.FaultLifted();
    }

    public override async Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        var gateway = await run.Engine.GetGatewayStatsAsync();
        var lookUpRequests = run.Sap.GetStats().Requests.GetValueOrDefault("GET Orders");
        verdict.Require(gateway.Uncertain > 0, "no outcome was uncertain: no answer was dropped after a commit");
        verdict.Require(gateway.LookUps > 0 && lookUpRequests > 0, "the uncertain orders were not looked up in SAP before posting again");
        verdict.Seen($"{gateway.Uncertain} outcomes uncertain, {gateway.LookUps} orders looked up in {lookUpRequests} {(lookUpRequests == 1 ? "query" : "queries")}, none posted twice");
    }
}
