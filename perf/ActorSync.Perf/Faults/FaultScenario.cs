using ActorSync.Engine.Hosting;

namespace ActorSync.Perf.Faults;

/// <summary>How big one scenario is: its orders, how long its fault lasts, the emulated SAP's speed, its deadline.</summary>
public sealed record ScenarioSize(int Orders, TimeSpan FaultFor, double TimeScale, int Workers, TimeSpan Deadline, bool Quick);

/// <summary>
/// One fault, injected while a burst drains and lifted again. The harness (<see cref="FaultRun"/>) owns everything
/// the scenarios share: the fresh company, the engine on a fresh journal, the burst, the progress lines, SAP's own
/// accounting and the engine's view; a scenario adds its fault and what the operator must have been told.
/// </summary>
public abstract class FaultScenario
{
    /// <summary>The name <c>--only</c> takes and the table shows.</summary>
    public abstract string Name { get; }

    /// <summary>What is done, one line, for the report.</summary>
    public abstract string Describe(ScenarioSize size);

    /// <summary>The journal is PostgreSQL (the scenario needs a server it can restart) instead of a fresh SQLite file.</summary>
    public virtual bool JournalOnPostgres => false;

    /// <summary>Orders keep arriving while the fault lasts (half at once, the rest spread over the fault), instead of one burst.</summary>
    public virtual bool OrdersKeepArriving => false;

    /// <summary>Engine settings of this scenario beyond the harness's.</summary>
    public virtual void Configure(EngineSettings settings, ScenarioSize size) { }

    /// <summary>Injects the fault (some orders have posted, the rest are draining), holds it, and lifts it.</summary>
    public abstract Task InjectAsync(FaultRun run, CancellationToken ct);

    /// <summary>After the drain: what the operator saw, and whatever else this fault must have shown.</summary>
    public abstract Task JudgeAsync(FaultRun run, Verdict verdict);

    public static IReadOnlyList<FaultScenario> All { get; } =
    [
        new SapOutage(), new SessionExpiry(), new DroppedAnswers(), new SlowSap(), new WrongCredentials(), new PostgresRestart(),
    ];
}

/// <summary>What one scenario found: failures (any one fails it) and what the operator saw.</summary>
public sealed class Verdict
{
    private readonly List<string> _failures = [];
    private readonly List<string> _saw = [];

    public IReadOnlyList<string> Failures => _failures;
    public IReadOnlyList<string> Saw => _saw;

    public void Require(bool holds, string failure)
    {
        if (!holds) _failures.Add(failure);
    }

    public void Fail(string failure) => _failures.Add(failure);

    public void Seen(string what) => _saw.Add(what);
}
