using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Reconciliation;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Reconciliation.ReconCommands;
using static ActorSync.Domain.Reconciliation.ReconEvents;
using static ActorSync.Domain.Reconciliation.ReconQueries;

namespace ActorSync.Engine.Reconciliation;

/// <summary>
/// The cluster's reconciliation (singleton <c>reconciliation</c>, journal <c>reconciliation-runs</c>): starts a run on
/// schedule or when asked, reads every configured source at once (each in its own task, answered through
/// <c>PipeTo</c>, bounded by <see cref="ReconciliationSettings.SourceTimeout"/>), journals each answer, and when the
/// last is in tells the exception queue what to raise and what no longer holds. The rules are
/// <see cref="ReconRunsState"/>; this actor only sequences them.
/// </summary>
public sealed class ReconciliationRunner : ReceivePersistentActor, IWithTimers
{
    public const string RunsPersistenceId = "reconciliation-runs";

    private sealed class Check : INoSerializationVerificationNeeded
    {
        public static readonly Check Instance = new();
    }

    private sealed record SourceAnswered(string RunId, IReadOnlyList<SourceResult> Results) : INoSerializationVerificationNeeded;

    private readonly ReconciliationSettings _settings;
    private readonly ReconSources _sources;
    private readonly Func<IActorRef> _exceptionQueue;
    private readonly Action<ReconRun>? _completed;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ReconRunsState _state = ReconRunsState.Empty;
    private readonly DateTimeOffset _since = DateTimeOffset.UtcNow;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId => RunsPersistenceId;

    /// <param name="exceptionQueue">Resolved when a run completes: the queue's proxy is registered after this singleton (it names this one as the owner of findings).</param>
    public ReconciliationRunner(ReconciliationSettings settings, ReconSources sources, Func<IActorRef> exceptionQueue, Action<ReconRun>? completed = null)
    {
        (_settings, _sources, _exceptionQueue, _completed) = (settings, sources, exceptionQueue, completed);

        Recover<IReconEvent>(e => _state = _state.ProcessEvent(e));
        Recover<RecoveryCompleted>(_ =>
        {
            if (_state.Running is { } interrupted)
            {
                // Its reads died with the node; what they would have said is unknown, so it is said so, never clean.
                Decide(interrupted.Waiting.Select(unit => new RecordResult(interrupted.RunId,
                    Unchecked(unit, "the run was interrupted (node stopped or the singleton moved) before this source answered"), DateTimeOffset.UtcNow)));
            }
            if (_state.Latest is { } latest) _completed?.Invoke(latest);
            if (settings.Interval > TimeSpan.Zero)
                Timers.StartPeriodicTimer("schedule", Check.Instance, TimeSpan.FromSeconds(30), TimeSpan.FromTicks(Math.Min(settings.Interval.Ticks, TimeSpan.FromMinutes(1).Ticks)));
        });

        Command<Check>(_ =>
        {
            var now = DateTimeOffset.UtcNow;
            // A journal without runs (a new installation) waits one interval from start, like every later run.
            if (_state.Running is null && now - (_state.Runs.LastOrDefault()?.StartedAt ?? _since) >= settings.Interval)
                Decide([Request(settings, [], null, "schedule", now) with { Units = _sources.Units }]);
        });
        Command<StartRun>(start =>
        {
            var sender = Sender;
            var decision = Decide([start with { Units = _sources.Units }]);
            var answer = decision.Refused is { } refused
                ? new RunAccepted(decision.RunId ?? "", false, refused)
                : new RunAccepted(decision.RunId!, true, $"run {decision.RunId} started");
            // Answered once the run is journaled: an id the caller holds always names a run that exists.
            DeferAsync(answer, a => sender.Tell(a));
        });
        Command<SourceAnswered>(answered => Decide(answered.Results.Select(result => new RecordResult(answered.RunId, result, DateTimeOffset.UtcNow))));
        Command<GetRuns>(q => Sender.Tell(new RunList(
            _state.Runs.AsEnumerable().Reverse().Take(Math.Clamp(q.Limit, 1, ReconRunsState.Kept)).Select(RunSummary.Of).ToImmutableList(), _state.Open.Count)));
        Command<GetRun>(q => Sender.Tell(new RunDetail(q.RunId is null ? _state.Latest : _state.Find(q.RunId))));
    }

    /// <summary>A run of <paramref name="flows"/> (all when empty) from <paramref name="since"/> (the window when null); records younger than the grace are not judged.</summary>
    public static StartRun Request(ReconciliationSettings settings, ImmutableList<ReconFlow> flows, DateTimeOffset? since, string requestedBy, DateTimeOffset now) =>
        new(flows, since ?? now - settings.Window, now - settings.Grace, requestedBy, [], now);

    /// <summary>Decides the commands one after another on the state they leave, then journals all their events at once.</summary>
    private ReconDecision Decide(IEnumerable<IReconCommand> commands)
    {
        var (state, events, decision) = (_state, ImmutableList<IReconEvent>.Empty, new ReconDecision([]));
        foreach (var command in commands)
        {
            decision = state.ProcessCommand(command);
            if (decision.Refused is { } refused && command is RecordResult late)
                _log.Warning("Reconciliation: an answer of {0} for run {1} was not taken: {2}", late.Result.Unit, late.RunId, refused);
            state = decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e));
            events = events.AddRange(decision.Events);
        }
        if (events.IsEmpty) return decision;
        PersistAll(events, evt =>
        {
            _state = _state.ProcessEvent(evt);
            switch (evt)
            {
                case RunStarted started:
                    _log.Info("Reconciliation {0} started by {1}: {2} from {3:O}", started.RunId, started.RequestedBy, string.Join(", ", started.Units), started.Since);
                    ReadAll(_state.Find(started.RunId)!);
                    break;
                case RunCompleted completed:
                    Completed(completed);
                    break;
            }
        });
        return decision;
    }

    private void ReadAll(ReconRun run)
    {
        var window = new ReconWindow(run.Since, run.Cutoff);
        foreach (var source in _sources.All)
        {
            var flows = source.Flows.Where(run.Flows.Contains).ToList();
            if (flows.Count > 0) ReadAsync(run.RunId, source, flows, window, _settings.SourceTimeout, _settings.MaxFindingsPerSource).PipeTo(Self);
        }
    }

    private static async Task<SourceAnswered> ReadAsync(string runId, IReconSource source, IReadOnlyList<ReconFlow> flows, ReconWindow window, TimeSpan timeout, int maxFindings)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var results = await source.ReadAsync(flows, window, cts.Token).ConfigureAwait(false);
            // A flow the source did not answer for is not checked: silence is never clean.
            return new SourceAnswered(runId, flows.Select(f => results.FirstOrDefault(r => r.Flow == f)
                ?? SourceResult.Unchecked(source.Name, f, "the source gave no answer for this flow")).Select(r => r.Capped(maxFindings)).ToList());
        }
        catch (Exception ex)
        {
            var reason = ex is OperationCanceledException ? $"no answer within {timeout}" : ex.Message.Length > 300 ? ex.Message[..300] + "…" : ex.Message;
            return new SourceAnswered(runId, flows.Select(f => SourceResult.Unchecked(source.Name, f, reason)).ToList());
        }
    }

    private void Completed(RunCompleted completed)
    {
        var run = _state.Find(completed.RunId)!;
        var queue = _exceptionQueue();
        foreach (var finding in completed.Raised)
            queue.Tell(new ExceptionQueueCommands.RaiseException(ReconFindingKinds.RecordKind, finding.Key, ReconFindingKinds.Exception(finding),
                JsonSerializer.Serialize(finding), completed.At));
        foreach (var key in completed.Cleared)
            queue.Tell(new ExceptionQueueCommands.RecordSucceeded(ReconFindingKinds.RecordKind, key, completed.At));
        _log.Info("Reconciliation {0} done: {1} findings ({2} new, {3} cleared); not checked: {4}", run.RunId, run.Findings.Count, completed.Raised.Count,
            completed.Cleared.Count, run.NotChecked.Count == 0 ? "nothing" : string.Join("; ", run.NotChecked.Select(r => $"{r.Unit} ({r.NotChecked})")));
        _completed?.Invoke(run);
    }

    private static SourceResult Unchecked(string unit, string reason)
    {
        var slash = unit.LastIndexOf('/');
        return SourceResult.Unchecked(unit[..slash], ReconFindingKinds.ParseFlow(unit[(slash + 1)..]) ?? ReconFlow.Orders, reason);
    }

    public static Props Props(ReconciliationSettings settings, ReconSources sources, Func<IActorRef> exceptionQueue, Action<ReconRun>? completed = null) =>
        Akka.Actor.Props.Create(() => new ReconciliationRunner(settings, sources, exceptionQueue, completed));
}
