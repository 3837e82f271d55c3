using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Perf.Faults;

/// <summary>
/// Every SAP session is expired, again and again, while batches are in flight (as when SAP restarts its session
/// store or its timeout is shorter than the engine thinks). Requests on a dead session get 301; the client must log
/// in again and re-send, and every order posts once.
/// </summary>
public sealed class SessionExpiry : FaultScenario
{
    public override string Name => "session-expiry";

    private static int Expiries(ScenarioSize size) => Math.Max(3, (int)size.FaultFor.TotalSeconds);

    public override string Describe(ScenarioSize size) => $"every session expired {Expiries(size)} times over {size.FaultFor.TotalSeconds:F0}s";

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.FaultBegins("sessions expire");
        var gap = run.Size.FaultFor / Expiries(run.Size);
        for (var i = 0; i < Expiries(run.Size) && !ct.IsCancellationRequested; i++)
        {
            run.Sap.ApplyFaults(new FaultSettings { ExpireAllSessions = true });
            await FaultRun.HoldAsync(gap, ct);
        }

        run.FaultLifted();
    }

    public override Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        var (began, lifted, now) = (run.StatsAtFault!, run.StatsAtLift!, run.Sap.GetStats());
        var invalid = lifted.Rejections.GetValueOrDefault("301") - began.Rejections.GetValueOrDefault("301");
        var relogins = now.Sessions.Logins - began.Sessions.Logins;
        var expired = lifted.Sessions.Expired - began.Sessions.Expired;
        verdict.Require(expired > 0, "no session was open to expire: the fault hit nothing");
        verdict.Require(invalid > 0, "no request met an expired session (no 301 answers), so nothing was in flight");
        verdict.Require(relogins > 0, "the client never logged in again after its sessions expired");
        var notReady = run.TimeSeen(s => !s.Ready);
        verdict.Seen($"{expired} sessions expired, {invalid} requests answered 301, {relogins} logins again; " +
                     (notReady > TimeSpan.Zero ? $"not ready {notReady.TotalSeconds:F1}s" : "readiness stayed ready"));
        return Task.CompletedTask;
    }
}
