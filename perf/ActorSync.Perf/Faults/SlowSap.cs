using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Hosting;

namespace ActorSync.Perf.Faults;

/// <summary>
/// SAP becomes slow mid-drain: first every request takes 0.8 s more (sixteen batch windows, under the timeout) for
/// half the fault, then 3 s more for the other half (at least 4 s), beyond the engine's 2 s request and batch timeouts, so every request times out and its outcome is
/// uncertain. When SAP is fast again every order must be in SAP once: the timed-out ones looked up, not re-posted blind.
/// </summary>
public sealed class SlowSap : FaultScenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan BeyondTimeout = TimeSpan.FromSeconds(3);

    private long _postedWhileSlow = -1;

    public override string Name => "slow-sap";

    private static TimeSpan Slowed(ScenarioSize size) => size.FaultFor / 2;

    private static TimeSpan TimingOut(ScenarioSize size) => TimeSpan.FromTicks(Math.Max(size.FaultFor.Ticks / 2, TimeSpan.FromSeconds(4).Ticks));

    public override string Describe(ScenarioSize size) =>
        $"+{Slow.TotalSeconds:F1}s per request for {Slowed(size).TotalSeconds:F0}s, then +{BeyondTimeout.TotalSeconds:F0}s " +
        $"(timeout {Timeout.TotalSeconds:F0}s) for {TimingOut(size).TotalSeconds:F0}s";

    public override void Configure(EngineSettings settings, ScenarioSize size)
    {
        settings.ServiceLayer.RequestTimeout = Timeout;
        settings.ServiceLayer.BatchTimeout = Timeout;
    }

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.Sap.ApplyFaults(new FaultSettings { LatencyMs = (int)Slow.TotalMilliseconds });
        run.FaultBegins($"SAP slow (+{Slow.TotalMilliseconds:F0} ms)");
        var before = run.Posted();
        await FaultRun.HoldAsync(Slowed(run.Size), ct);
        _postedWhileSlow = run.Posted() - before;
        run.Sap.ApplyFaults(new FaultSettings { LatencyMs = (int)BeyondTimeout.TotalMilliseconds });
        run.Say($"SAP slower than the timeout (+{BeyondTimeout.TotalMilliseconds:F0} ms)");
        await FaultRun.HoldAsync(TimingOut(run.Size), ct);
        run.Sap.ApplyFaults(new FaultSettings { LatencyMs = 0 });
        run.FaultLifted();
    }

    public override async Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        var gateway = await run.Engine.GetGatewayStatsAsync();
        verdict.Require(_postedWhileSlow > 0, "nothing posted while SAP was slow but under the timeout");
        verdict.Require(gateway.Uncertain + gateway.NotApplied > 0, "no request timed out while SAP was slower than the timeout");
        var open = run.TimeSeen(s => s.FaultOn && s.Circuit == "Open");
        verdict.Seen($"{_postedWhileSlow} posted while slow; beyond the timeout {gateway.Uncertain} uncertain, {gateway.NotApplied} not applied, " +
                     $"{gateway.LookUps} looked up; circuit open {open.TotalSeconds:F1}s");
    }
}
