using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Validation;
using ActorSync.Domain.Warehouse;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Domain.WarehouseFlow;

/// <summary>What the warehouse flow's decisions depend on besides the state.</summary>
/// <param name="Window">The coalescing window (aligned to UTC multiples of it).</param>
/// <param name="CloseDelay">How long after its window ends (or after a late movement arrives) a batch waits for stragglers before it closes.</param>
public sealed record WarehouseRules(OrderMapping Mapping, TimeSpan Window, TimeSpan CloseDelay, LockRetryPolicy LockRetry);

public sealed record WarehouseDecision(ImmutableList<IWarehouseEvent> Events, WarehouseCommandResult? Reply, NextStep Next) : IFlowDecision<IWarehouseEvent>
{
    object? IFlowDecision<IWarehouseEvent>.ReplyMessage => Reply;

    public static WarehouseDecision Only(NextStep next) => new([], null, next);

    internal static WarehouseDecision Of(JobDecision<IWarehouseEvent> decided) => new(decided.Events, null, decided.Next);
}

/// <summary>The warehouse flow's events for what happens to its documents; documents of one window never wait for each other.</summary>
internal sealed record WarehouseJobEvents(WarehouseWindowState State, DateTimeOffset At) : IJobEvents<IWarehouseEvent>
{
    public IWarehouseEvent Completed(string key, JobVerdict.Completed done) => new WarehouseJobCompleted(State.WindowId, key, done.DocEntry, done.DocNum, done.FoundByLookup, At);
    public IWarehouseEvent Deferred(string key, JobVerdict.Deferred deferred) => new WarehouseJobDeferred(State.WindowId, key, deferred.Reason, deferred.LockAttempts, At);
    public IWarehouseEvent Parked(string key, ExceptionDetails exception) => new WarehouseJobParked(State.WindowId, key, exception, At);
    public IWarehouseEvent Picked(string key, ImmutableList<LinePick> picks) => new WarehouseStockPicked(State.WindowId, key, picks, At);
    public IWarehouseEvent PickRefused(string key, string reason) => new WarehouseStockPickRefused(State.WindowId, key, reason, At);
    public bool AnotherJobCanGo(IWarehouseEvent evt) => State.ProcessEvent(evt).NextJob is not null;
}

/// <summary>
/// One source's window as pure functions. A movement is journaled the moment it is accepted (so it cannot be lost)
/// and waits, pending, for its batch to close; closing coalesces everything pending with
/// <see cref="WarehouseDocumentCoalescer"/> (one goods receipt and one goods issue per SAP warehouse, one stock
/// transfer per warehouse pair) and journals the documents with their bodies before any is sent, so a crash after
/// closing re-sends exactly the same documents, each found first by its key. Movements the coalescer rejects stay
/// out and are reported; the rest post.
/// </summary>
public static class WarehouseDecisions
{
    public static WarehouseDecision ProcessCommand(this WarehouseWindowState state, AcceptMovement cmd, WarehouseRules rules, DateTimeOffset now)
    {
        var movement = cmd.Movement;
        var key = movement.IdempotencyKey;
        var windowId = WarehouseWindows.IdFor(movement, rules.Window);
        if (windowId != state.WindowId)
            return Reply(state.WindowId, key, CommandResultCode.Rejected, $"Movement {key} belongs to window {windowId}, not {state.WindowId}.");
        var fingerprint = MovementFingerprint.Of(movement);
        if (state.FindMovement(key) is { } known)
            return known.Fingerprint == fingerprint
                ? Reply(state.WindowId, key, CommandResultCode.Duplicate, $"Movement {key} was already accepted; nothing to do.")
                : Reply(state.WindowId, key, CommandResultCode.Conflict, $"Movement {key} was already accepted with different content; the change was not applied.");

        var closeAt = NextClose(state, rules, now);
        return new([new MovementAccepted(state.WindowId, movement, fingerprint, closeAt, now)],
            new WarehouseCommandResult(state.WindowId, key, CommandResultCode.Accepted, $"Accepted into window {state.WindowId}; its documents post after {closeAt:HH:mm:ss}Z."),
            NextStep.None);
    }

    /// <summary>Closes the pending batch once it is due: coalesces, journals the documents, and starts posting them.</summary>
    public static WarehouseDecision ProcessCommand(this WarehouseWindowState state, CloseBatch cmd, WarehouseRules rules, DateTimeOffset now)
    {
        var pending = state.Movements.Where(m => m.Status == MovementStatus.Pending).ToList();
        if (pending.Count == 0 || (state.CloseAt is { } due && now < due)) return WarehouseDecision.Only(NextStep.None);

        var plan = WarehouseDocumentCoalescer.Coalesce(pending.Select(m => m.Movement), rules.Mapping, rules.Window, snapshot: null);
        var batch = state.Batches + 1;
        var rejected = plan.Rejected.Select(r => new MovementRejection(r.Movement.IdempotencyKey, r.Exceptions)).ToList();
        var jobs = ImmutableList.CreateBuilder<PostingJob>();
        var documents = ImmutableList.CreateBuilder<WindowDocument>();
        foreach (var document in plan.Documents)
        {
            var (job, problem) = PostingJobs.FromPosting(document.Posting);
            if (job is not null && state.Jobs.Concat(jobs).Any(j => j.Key == job.Key || j.LookUp == job.LookUp))
                (job, problem) = (null, $"document {document.Posting.Key} could not be told apart in SAP from another document of the window");
            if (job is null)
            {
                // Never post what could not be found again. A movement may feed several documents, so the whole batch
                // is held back and reported rather than posting part of a movement.
                var reason = ExceptionTypes.InvalidOrder($"Window {state.WindowId}, batch {batch}: {problem}");
                var all = pending.Select(m => new MovementRejection(m.Key,
                    (rejected.FirstOrDefault(r => r.MovementKey == m.Key)?.Exceptions ?? []).Add(reason))).ToImmutableList();
                var held = new BatchClosed(state.WindowId, batch, [], [], [], all, plan.Notes, now);
                return new([held], null, state.ProcessEvent(held).NextJob is not null ? NextStep.PostNow : NextStep.None);
            }
            jobs.Add(job);
            documents.Add(new WindowDocument(job.Key, batch, document.MovementKeys));
        }
        var rejectedKeys = rejected.Select(r => r.MovementKey).ToHashSet(StringComparer.Ordinal);
        var coalesced = pending.Select(m => m.Key).Where(k => !rejectedKeys.Contains(k)).ToImmutableList();
        var evt = new BatchClosed(state.WindowId, batch, coalesced, jobs.ToImmutable(), documents.ToImmutable(), rejected.ToImmutableList(), plan.Notes, now);
        return new([evt], null, state.ProcessEvent(evt).NextJob is not null ? NextStep.PostNow : NextStep.None);
    }

    /// <summary>An operator's retry: a parked document goes again (looked up first); a rejected movement goes back to pending.</summary>
    public static WarehouseDecision ProcessCommand(this WarehouseWindowState state, RetryWarehouseItem cmd, WarehouseRules rules, DateTimeOffset now)
    {
        if (state.Jobs.Find(cmd.ItemKey) is { Status: JobStatus.Parked } parked)
            return new([new WarehouseJobReleased(state.WindowId, parked.Key, now)],
                new WarehouseCommandResult(state.WindowId, parked.Key, CommandResultCode.Accepted, $"Released document {parked.Key} for another attempt."), NextStep.LookUpNow);
        if (state.FindMovement(cmd.ItemKey) is { Status: MovementStatus.Rejected } rejected)
        {
            var closeAt = NextClose(state, rules, now);
            return new([new MovementsReleased(state.WindowId, [rejected.Key], closeAt, now)],
                new WarehouseCommandResult(state.WindowId, rejected.Key, CommandResultCode.Accepted, $"Movement {rejected.Key} goes into the batch closing at {closeAt:HH:mm:ss}Z."),
                NextStep.None);
        }
        if (state.IsEmpty) return Reply(cmd.WindowId, cmd.ItemKey, CommandResultCode.NotFound, $"No warehouse window {cmd.WindowId}.");
        return state.FindMovement(cmd.ItemKey) is null && state.Jobs.Find(cmd.ItemKey) is null
            ? Reply(state.WindowId, cmd.ItemKey, CommandResultCode.NotFound, $"Window {state.WindowId} has no movement or document {cmd.ItemKey}.")
            : Reply(state.WindowId, cmd.ItemKey, CommandResultCode.Rejected, $"{cmd.ItemKey} in window {state.WindowId} is neither rejected nor parked.");
    }

    public static WarehouseDecision ProcessOutcome(this WarehouseWindowState state, string key, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now, double jitter) =>
        WarehouseDecision.Of(state.NextJob.Outcome(key, outcome, policy, now, jitter, new WarehouseJobEvents(state, now)));

    public static WarehouseDecision ProcessLookup(this WarehouseWindowState state, string key, LookupOutcome outcome, DateTimeOffset now) =>
        WarehouseDecision.Of(state.NextJob.Lookup(key, outcome, new WarehouseJobEvents(state, now)));

    /// <summary>Chooses the batches and serials the next document takes out; parks it when SAP's stock cannot cover them.</summary>
    public static WarehouseDecision PickStock(this WarehouseWindowState state, StockReading reading, MasterDataSnapshot masterData,
        BatchAllocationStrategy strategy, DateTimeOffset now) =>
        WarehouseDecision.Of(state.NextJob.PickStock(reading, masterData, strategy, new WarehouseJobEvents(state, now)));

    /// <summary>Where SAP's stock must be read before the next document can post (rows the source did not name batches or serials for).</summary>
    public static ImmutableList<StockPlace> StockToRead(this WarehouseWindowState state, MasterDataSnapshot? masterData) =>
        state.NextJob?.StockToRead(masterData) ?? [];

    public static WorkItem? CurrentWork(this WarehouseWindowState state) => state.NextJob is { } job ? state.Jobs.Work(job) : null;

    /// <summary>
    /// A window woken from its journal looks its next document up before posting it (it may have been mid-post); a
    /// pending batch needs nothing here, the entity arms its close timer from <see cref="WarehouseWindowState.CloseAt"/>.
    /// </summary>
    public static NextStep OnRecovery(this WarehouseWindowState state) => state.NextJob is not null ? NextStep.LookUpNow : NextStep.None;

    public static ImmutableList<IWarehouseEvent> StampProgress(this WarehouseWindowState state, ImmutableList<IWarehouseEvent> events) =>
        ProgressStamps.Stamp(state, events, ProcessEvent, s => s.HasUnfinishedWork, (e, pending) => e is WarehouseProgressEvent p ? (IWarehouseEvent)(p with { WorkPending = pending }) : e);

    public static WarehouseWindowState ProcessEvent(this WarehouseWindowState state, IWarehouseEvent evt) => evt switch
    {
        MovementAccepted e => state with
        {
            Movements = state.Movements.Add(new AcceptedMovement(e.Movement.IdempotencyKey, e.Fingerprint, e.Movement)),
            CloseAt = e.CloseAt,
        },
        BatchClosed e => state with
        {
            Batches = e.Batch,
            CloseAt = null,
            Movements = state.Movements.Select(m =>
                e.Coalesced.Contains(m.Key) ? m with { Status = MovementStatus.Coalesced, Batch = e.Batch, Problems = null }
                : e.Rejected.FirstOrDefault(r => r.MovementKey == m.Key) is { } r ? m with { Status = MovementStatus.Rejected, Batch = e.Batch, Problems = r.Exceptions, WasRejected = true }
                : m).ToImmutableList(),
            Jobs = state.Jobs.AddRange(e.Jobs),
            Documents = state.Documents.AddRange(e.Documents),
            Notes = state.Notes.AddRange(e.Notes),
            LastProblem = e.Rejected.Count == 0 ? state.LastProblem : e.Rejected[^1].Exceptions.FirstOrDefault()?.Reason,
        },
        MovementsReleased e => state with
        {
            Movements = state.Movements.Select(m => e.Keys.Contains(m.Key) ? m with { Status = MovementStatus.Pending, Problems = null } : m).ToImmutableList(),
            CloseAt = e.CloseAt,
        },
        WarehouseJobCompleted e => state with { Jobs = state.Jobs.Complete(e.Key, e.DocEntry, e.DocNum) },
        WarehouseJobDeferred e => state with { Jobs = state.Jobs.Defer(e.Key, e.LockAttempts, e.At), LastProblem = e.Reason },
        WarehouseJobParked e => state with
        {
            Jobs = state.Jobs.Park(e.Key, e.Exception),
            Documents = state.Documents.Select(d => d.JobKey == e.Key ? d with { WasParked = true } : d).ToImmutableList(),
            LastProblem = e.Exception.Reason,
        },
        WarehouseJobReleased e => state with { Jobs = state.Jobs.Release(e.Key) },
        WarehouseStockPicked e => state with { Jobs = state.Jobs.Picked(e.Key, e.Picks) },
        WarehouseStockPickRefused e => state with { Jobs = state.Jobs.PickRefused(e.Key), LastProblem = e.Reason },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown warehouse event."),
    };

    /// <summary>
    /// When a batch that starts now closes: after its window has ended, plus the delay for stragglers. An open batch
    /// keeps its time (a steady trickle must not hold a window open for ever).
    /// </summary>
    private static DateTimeOffset NextClose(WarehouseWindowState state, WarehouseRules rules, DateTimeOffset now)
    {
        if (state.HasPending && state.CloseAt is { } open) return open;
        var windowEnd = WarehouseWindows.Parse(state.WindowId).WindowStart + rules.Window;
        return (windowEnd > now ? windowEnd : now) + rules.CloseDelay;
    }

    private static WarehouseDecision Reply(string windowId, string key, CommandResultCode code, string message) =>
        new([], new WarehouseCommandResult(windowId, key, code, message), NextStep.None);
}
