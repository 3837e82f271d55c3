using System.Collections.Immutable;
using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Reconciliation;

/// <summary>The commands the <c>reconciliation</c> singleton takes (they cross nodes: each has a manifest).</summary>
public static class ReconCommands
{
    public interface IReconCommand;

    /// <summary>
    /// Start a run now. <paramref name="Flows"/> empty: every flow. <paramref name="Units"/>: the source/flow pairs the
    /// engine has configured (<c>magento/orders</c>); a requested flow no source covers is recorded as not checked.
    /// </summary>
    public sealed record StartRun(ImmutableList<ReconFlow> Flows, DateTimeOffset Since, DateTimeOffset Cutoff, string RequestedBy,
        ImmutableList<string> Units, DateTimeOffset At) : IReconCommand;

    /// <summary>One source's answer for one flow.</summary>
    public sealed record RecordResult(string RunId, SourceResult Result, DateTimeOffset At) : IReconCommand;
}

/// <summary>The journal of <c>reconciliation-runs</c>.</summary>
public static class ReconEvents
{
    public interface IReconEvent : IJournaled
    {
        string RunId { get; }
        DateTimeOffset At { get; }
    }

    public sealed record RunStarted(string RunId, ImmutableList<ReconFlow> Flows, DateTimeOffset Since, DateTimeOffset Cutoff, string RequestedBy,
        ImmutableList<string> Units, DateTimeOffset At) : IReconEvent;

    public sealed record SourceRead(string RunId, SourceResult Result, DateTimeOffset At) : IReconEvent;

    /// <summary>
    /// Every unit answered. <paramref name="Raised"/>: findings not open before (each raises one exception);
    /// <paramref name="Cleared"/>: keys open before whose unit was checked again and did not find them (resolved).
    /// </summary>
    public sealed record RunCompleted(string RunId, ImmutableList<ReconFinding> Raised, ImmutableList<string> Cleared, DateTimeOffset At) : IReconEvent;
}

/// <summary>One run as kept and shown: what was asked, what each unit answered, what it raised and cleared.</summary>
public sealed record ReconRun(string RunId, ImmutableList<ReconFlow> Flows, DateTimeOffset Since, DateTimeOffset Cutoff, string RequestedBy,
    DateTimeOffset StartedAt, ImmutableList<string> Units, ImmutableList<SourceResult> Results, DateTimeOffset? CompletedAt = null,
    ImmutableList<string>? Raised = null, ImmutableList<string>? Cleared = null)
{
    public bool Completed => CompletedAt is not null;

    public ImmutableList<ReconFinding> Findings => Results.SelectMany(r => r.Findings).ToImmutableList();

    public ImmutableList<SourceResult> NotChecked => Results.Where(r => !r.Checked).ToImmutableList();

    public ImmutableList<string> Waiting => Units.Where(u => Results.All(r => r.Unit != u)).ToImmutableList();
}

/// <summary>A finding that raised an exception and has not been cleared by a later run.</summary>
public sealed record OpenFinding(string Key, FindingKind Kind, string Unit, string RaisedBy);

/// <summary>What <see cref="ReconRunsState.ProcessCommand"/> decided: events to persist, or why nothing happens.</summary>
public sealed record ReconDecision(ImmutableList<ReconEvents.IReconEvent> Events, string? Refused = null, string? RunId = null);

/// <summary>
/// The runs of the cluster's reconciliation: one at a time, the newest <see cref="Kept"/> kept with their findings, and
/// the findings open in the exception queue (so a drift found again does not raise again, and one no longer found in a
/// source that was checked again is resolved; one whose source could not be checked stays open).
/// </summary>
public sealed record ReconRunsState(ImmutableList<ReconRun> Runs, ImmutableDictionary<string, OpenFinding> Open, int LastNumber)
{
    public const int Kept = 50;

    public static readonly ReconRunsState Empty = new([], ImmutableDictionary<string, OpenFinding>.Empty.WithComparers(StringComparer.Ordinal), 0);

    public ReconRun? Running => Runs.LastOrDefault(r => !r.Completed);

    public ReconRun? Latest => Runs.LastOrDefault(r => r.Completed);

    public ReconRun? Find(string runId) => Runs.FirstOrDefault(r => r.RunId == runId);

    public static string RunIdOf(int number) => $"R-{number:D6}";

    public ReconDecision ProcessCommand(ReconCommands.IReconCommand command) => command switch
    {
        ReconCommands.StartRun when Running is { } running => new([], $"run {running.RunId} is still going", running.RunId),
        ReconCommands.StartRun start => Start(start),
        ReconCommands.RecordResult record => Record(record),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown reconciliation command."),
    };

    private ReconDecision Start(ReconCommands.StartRun start)
    {
        var flows = start.Flows.IsEmpty ? Enum.GetValues<ReconFlow>().ToImmutableList() : start.Flows.Distinct().ToImmutableList();
        var units = start.Units.Where(u => flows.Any(f => u.EndsWith("/" + ReconFindingKinds.Name(f), StringComparison.Ordinal))).Distinct().ToImmutableList();
        var runId = RunIdOf(LastNumber + 1);
        var started = new ReconEvents.RunStarted(runId, flows, start.Since, start.Cutoff, start.RequestedBy, units, start.At);
        var events = ImmutableList.Create<ReconEvents.IReconEvent>(started);
        // A flow nothing reads is said so, never shown as clean.
        var after = ProcessEvent(started);
        foreach (var flow in flows.Where(f => !units.Any(u => u.EndsWith("/" + ReconFindingKinds.Name(f), StringComparison.Ordinal))))
        {
            var decision = after.Record(new ReconCommands.RecordResult(runId, SourceResult.Unchecked("none", flow, "no source is configured for this flow"), start.At), force: true);
            events = events.AddRange(decision.Events);
            after = decision.Events.Aggregate(after, (s, e) => s.ProcessEvent(e));
        }
        if (after.Running is { } run && run.Waiting.IsEmpty) events = events.Add(after.Complete(run, start.At));
        return new ReconDecision(events, RunId: runId);
    }

    private ReconDecision Record(ReconCommands.RecordResult record, bool force = false)
    {
        if (Running is not { } run || run.RunId != record.RunId) return new([], $"run {record.RunId} is not going");
        if (!force && (!run.Units.Contains(record.Result.Unit) || run.Results.Any(r => r.Unit == record.Result.Unit)))
            return new([], $"run {record.RunId} does not wait for {record.Result.Unit}");
        var read = new ReconEvents.SourceRead(record.RunId, record.Result, record.At);
        var after = ProcessEvent(read).Running!;
        return after.Waiting.IsEmpty && !force
            ? new ReconDecision([read, ProcessEvent(read).Complete(after, record.At)], RunId: run.RunId)
            : new ReconDecision([read], RunId: run.RunId);
    }

    private ReconEvents.RunCompleted Complete(ReconRun run, DateTimeOffset at)
    {
        var found = run.Findings;
        var raised = found.Where(f => !Open.ContainsKey(f.Key)).GroupBy(f => f.Key).Select(g => g.First()).ToImmutableList();
        var checkedUnits = run.Results.Where(r => r.Checked && r.Omitted == 0).Select(r => r.Unit).ToHashSet(StringComparer.Ordinal);
        var foundKeys = found.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var cleared = Open.Values.Where(o => checkedUnits.Contains(o.Unit) && !foundKeys.Contains(o.Key)).Select(o => o.Key).Order(StringComparer.Ordinal).ToImmutableList();
        return new ReconEvents.RunCompleted(run.RunId, raised, cleared, at);
    }

    public ReconRunsState ProcessEvent(ReconEvents.IReconEvent evt) => evt switch
    {
        ReconEvents.RunStarted s => this with
        {
            LastNumber = LastNumber + 1,
            Runs = Trim(Runs.Add(new ReconRun(s.RunId, s.Flows, s.Since, s.Cutoff, s.RequestedBy, s.At, s.Units, []))),
        },
        ReconEvents.SourceRead r => Update(r.RunId, run => run with { Results = run.Results.Add(r.Result) }),
        ReconEvents.RunCompleted c => Update(c.RunId, run => run with { CompletedAt = c.At, Raised = c.Raised.Select(f => f.Key).ToImmutableList(), Cleared = c.Cleared }) with
        {
            Open = Open.RemoveRange(c.Cleared).SetItems(c.Raised.Select(f => KeyValuePair.Create(f.Key,
                new OpenFinding(f.Key, f.Kind, ReconFindingKinds.Unit(f.Source, f.Flow), c.RunId)))),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown reconciliation event."),
    };

    private ReconRunsState Update(string runId, Func<ReconRun, ReconRun> change) =>
        this with { Runs = Runs.Select(r => r.RunId == runId ? change(r) : r).ToImmutableList() };

    /// <summary>Old completed runs go; the one still going never does.</summary>
    private static ImmutableList<ReconRun> Trim(ImmutableList<ReconRun> runs) =>
        runs.Count <= Kept ? runs : runs.RemoveRange(0, runs.Count - Kept);
}

/// <summary>Questions and answers about runs (they cross nodes: each has a manifest).</summary>
public static class ReconQueries
{
    public sealed record GetRuns(int Limit);

    public sealed record GetRun(string? RunId);

    /// <summary>A run as listed: no findings, only counts.</summary>
    public sealed record RunSummary(string RunId, ImmutableList<ReconFlow> Flows, DateTimeOffset Since, string RequestedBy, DateTimeOffset StartedAt,
        DateTimeOffset? CompletedAt, int Findings, int Raised, int Cleared, ImmutableList<string> NotChecked, ImmutableList<string> Waiting)
    {
        public static RunSummary Of(ReconRun run) => new(run.RunId, run.Flows, run.Since, run.RequestedBy, run.StartedAt, run.CompletedAt,
            run.Findings.Count, run.Raised?.Count ?? 0, run.Cleared?.Count ?? 0, run.NotChecked.Select(r => r.Unit).ToImmutableList(), run.Waiting);
    }

    public sealed record RunList(ImmutableList<RunSummary> Runs, int OpenFindings);

    /// <summary>Null <paramref name="Run"/>: no such run (or none completed yet for the latest).</summary>
    public sealed record RunDetail(ReconRun? Run);

    /// <summary>The answer to <see cref="ReconCommands.StartRun"/>: the run id at once (the run proceeds), or why not.</summary>
    public sealed record RunAccepted(string RunId, bool Started, string Message);
}
