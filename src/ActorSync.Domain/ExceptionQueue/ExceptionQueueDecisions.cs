using System.Collections.Immutable;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;

namespace ActorSync.Domain.ExceptionQueue;

/// <summary>A decision: the events to journal (possibly none) and the reply, when the command's sender wants one.</summary>
public sealed record ExceptionQueueDecision(ImmutableList<IExceptionQueueEvent> Events, ExceptionCommandResult Reply);

/// <summary>
/// The exception queue's rules as pure functions: commands in, events and a reply out; events in, a new state out.
/// The actor only journals the events, replies, and asks records' owners to retry.
/// </summary>
public static class ExceptionQueueDecisions
{
    /// <summary>The note an exception gets when its record later succeeds.</summary>
    public const string ResolvedByRetryNote = "resolved by retry";

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, RaiseException cmd)
    {
        if (string.IsNullOrWhiteSpace(cmd.RecordKind) || string.IsNullOrWhiteSpace(cmd.RecordId) || string.IsNullOrWhiteSpace(cmd.Details?.Type))
            return Reply("", ExceptionResultCode.Invalid, "An exception needs a record kind, a record id and details with a type.");

        var record = $"{cmd.RecordKind} {cmd.RecordId}";
        if (state.LastSuccessOf(cmd.RecordKind, cmd.RecordId) is { } succeeded && cmd.At <= succeeded)
            return Reply("", ExceptionResultCode.NoOp, $"{record} succeeded at {succeeded:O}, after this failure at {cmd.At:O}: a late report, ignored.");

        var payload = cmd.OriginalPayload ?? "";
        var latest = state.LatestFor(cmd.RecordKind, cmd.RecordId, cmd.Details.Type);
        if (latest is { IsOpen: true })
        {
            if (cmd.At == latest.FirstSeen || cmd.At == latest.LastSeen)
                return Reply(latest.Id, ExceptionResultCode.NoOp, $"{latest.Id} already has this failure (a repeated delivery).", latest);
            return Decide(state, new ExceptionRaisedAgain(latest.Id, cmd.Details, payload, cmd.At), ExceptionResultCode.Accepted, $"{latest.Id} raised again.");
        }
        if (latest is { ClosedAt: { } closedAt } && cmd.At <= closedAt)
            return Reply(latest.Id, ExceptionResultCode.NoOp,
                $"{latest.Id} was {Name(latest.Status)} at {closedAt:O}, after this failure at {cmd.At:O}: a late report, ignored.", latest);

        var number = state.NextNumber;
        var id = "ex-" + number;
        return Decide(state, new ExceptionRaised(id, number, cmd.RecordKind, cmd.RecordId, cmd.Details, payload, cmd.At),
            ExceptionResultCode.Accepted, $"{id} raised for {record}.");
    }

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, RecordSucceeded cmd)
    {
        if (string.IsNullOrWhiteSpace(cmd.RecordKind) || string.IsNullOrWhiteSpace(cmd.RecordId))
            return Reply("", ExceptionResultCode.Invalid, "A success needs a record kind and a record id.");
        if (state.LastSuccessOf(cmd.RecordKind, cmd.RecordId) is { } previous && cmd.At <= previous)
            return Reply("", ExceptionResultCode.NoOp, $"{cmd.RecordKind} {cmd.RecordId} already succeeded at {previous:O}.");

        // A failure seen after this success is a newer problem: it stays open.
        var resolved = state.Exceptions.Values
            .Where(e => e.IsOpen && e.RecordKind == cmd.RecordKind && e.RecordId == cmd.RecordId && e.LastSeen <= cmd.At)
            .OrderBy(e => e.Number).Select(e => e.Id).ToArray();
        return Decide(state, new RecordSuccessNoted(cmd.RecordKind, cmd.RecordId, cmd.At, resolved), ExceptionResultCode.Accepted,
            resolved.Length == 0 ? "Success noted." : $"Resolved by retry: {string.Join(", ", resolved)}.");
    }

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, RetryException cmd, DateTimeOffset now)
    {
        if (state.Find(cmd.ExceptionId) is not { } e) return NotFound(cmd.ExceptionId);
        if (e.Status != ExceptionStatus.Open)
            return Reply(e.Id, ExceptionResultCode.Conflict, $"Exception {e.Id} is {Name(e.Status)}, not open: only open exceptions can be retried.", e);
        return Decide(state, new RetryRequested(e.Id, e.RetryRequests + 1, now), ExceptionResultCode.Accepted, $"Retry {e.RetryRequests + 1} of {e.Id} requested.");
    }

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, ResolveException cmd, DateTimeOffset now)
    {
        if (state.Find(cmd.ExceptionId) is not { } e) return NotFound(cmd.ExceptionId);
        if (!e.IsOpen)
            return Reply(e.Id, ExceptionResultCode.Conflict, $"Exception {e.Id} is already {Name(e.Status)}.", e);
        var note = string.IsNullOrWhiteSpace(cmd.Note) ? null : cmd.Note.Trim();
        return Decide(state, new ExceptionResolved(e.Id, note, now), ExceptionResultCode.Accepted, $"{e.Id} resolved.");
    }

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, IgnoreException cmd, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(cmd.Reason))
            return Reply(cmd.ExceptionId, ExceptionResultCode.Invalid, $"A reason is required to ignore exception {cmd.ExceptionId}: say why it needs nothing more.");
        if (state.Find(cmd.ExceptionId) is not { } e) return NotFound(cmd.ExceptionId);
        if (!e.IsOpen)
            return Reply(e.Id, ExceptionResultCode.Conflict, $"Exception {e.Id} is already {Name(e.Status)}.", e);
        return Decide(state, new ExceptionIgnored(e.Id, cmd.Reason.Trim(), now), ExceptionResultCode.Accepted, $"{e.Id} ignored.");
    }

    /// <summary>Only the answer to the latest retry request of a still-retrying exception counts.</summary>
    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, ReportRetryOutcome cmd, DateTimeOffset now)
    {
        if (state.Find(cmd.ExceptionId) is not { } e) return NotFound(cmd.ExceptionId);
        if (e.Status != ExceptionStatus.Retrying || e.RetryRequests != cmd.RetryNumber)
            return Reply(e.Id, ExceptionResultCode.NoOp, $"A late answer to retry {cmd.RetryNumber} of {e.Id} (now {Name(e.Status)}); ignored.", e);
        return cmd.Accepted
            ? Decide(state, new RetryAcknowledged(e.Id, cmd.RetryNumber, cmd.Message, now), ExceptionResultCode.Accepted, cmd.Message)
            : Decide(state, new RetryFailed(e.Id, cmd.RetryNumber, cmd.Message, now), ExceptionResultCode.Conflict, cmd.Message);
    }

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, ExpireStaleRetries cmd, DateTimeOffset now)
    {
        var events = state.Exceptions.Values
            .Where(e => e.Status == ExceptionStatus.Retrying && e.LastRetryRequestedAt + cmd.After <= now)
            .OrderBy(e => e.Number)
            .Select(e => (IExceptionQueueEvent)new RetryFailed(e.Id, e.RetryRequests,
                $"No outcome reported within {cmd.After} of retry {e.RetryRequests}; open again.", now))
            .ToImmutableList();
        return new(events, new ExceptionCommandResult("", events.IsEmpty ? ExceptionResultCode.NoOp : ExceptionResultCode.Accepted,
            $"{events.Count} stale retries reopened."));
    }

    public static ExceptionQueueDecision ProcessCommand(this ExceptionQueueState state, PurgeClosed cmd)
    {
        var closed = state.Exceptions.Values.Count(e => e.ClosedAt < cmd.Before);
        var staleSuccesses = state.LastSuccess.Values.Any(at => at < cmd.Before);
        if (closed == 0 && !staleSuccesses)
            return Reply("", ExceptionResultCode.NoOp, "Nothing to purge.");
        return Decide(state, new ClosedExceptionsPurged(cmd.Before, closed), ExceptionResultCode.Accepted, $"{closed} closed exceptions purged.");
    }

    public static ExceptionQueueState ProcessEvent(this ExceptionQueueState state, IExceptionQueueEvent evt) => evt switch
    {
        ExceptionRaised e => Add(state, new ExceptionRecord
        {
            Id = e.ExceptionId, Number = e.Number, RecordKind = e.RecordKind, RecordId = e.RecordId, Details = e.Details,
            OriginalPayload = e.OriginalPayload, Attempts = 1, FirstSeen = e.At, LastSeen = e.At, Status = ExceptionStatus.Open,
        }),
        ExceptionRaisedAgain e => Update(state, e.ExceptionId, r =>
        {
            var newer = e.At > r.LastSeen;
            var failedAfterRetry = r.Status == ExceptionStatus.Retrying && (r.LastRetryRequestedAt is null || e.At >= r.LastRetryRequestedAt);
            // Stryker disable once Equality : equivalent, the earlier of two equal instants is either of them (FirstSeen)
            return r with
            {
                Attempts = r.Attempts + 1,
                FirstSeen = e.At < r.FirstSeen ? e.At : r.FirstSeen,
                LastSeen = newer ? e.At : r.LastSeen,
                Details = newer ? e.Details : r.Details,
                OriginalPayload = newer ? e.OriginalPayload : r.OriginalPayload,
                Status = failedAfterRetry ? ExceptionStatus.Open : r.Status,
                LastRetryResult = failedAfterRetry ? $"Failed again after retry {r.RetryRequests}: {e.Details.Reason}" : r.LastRetryResult,
            };
        }),
        RetryRequested e => Update(state, e.ExceptionId, r => r with
        {
            Status = ExceptionStatus.Retrying, RetryRequests = e.RetryNumber, LastRetryRequestedAt = e.At, LastRetryResult = null,
        }),
        RetryAcknowledged e => Update(state, e.ExceptionId, r => r with { LastRetryResult = e.Message }),
        RetryFailed e => Update(state, e.ExceptionId, r => r with
        {
            Status = r.Status == ExceptionStatus.Retrying ? ExceptionStatus.Open : r.Status, LastRetryResult = e.Reason,
        }),
        ExceptionResolved e => Update(state, e.ExceptionId, r => r with { Status = ExceptionStatus.Resolved, Note = e.Note, ClosedAt = e.At }),
        ExceptionIgnored e => Update(state, e.ExceptionId, r => r with { Status = ExceptionStatus.Ignored, Note = e.Reason, ClosedAt = e.At }),
        RecordSuccessNoted e => e.ResolvedIds.Aggregate(
            state with { LastSuccess = state.LastSuccess.SetItem(ExceptionQueueState.Key(e.RecordKind, e.RecordId), Later(state.LastSuccessOf(e.RecordKind, e.RecordId), e.At)) },
            (s, id) => Update(s, id, r => r.IsOpen ? r with { Status = ExceptionStatus.Resolved, Note = ResolvedByRetryNote, ClosedAt = e.At } : r)),
        ClosedExceptionsPurged e => Purge(state, e.Before),
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown exception queue event."),
    };

    public static ExceptionQueueState ProcessEvents(this ExceptionQueueState state, IEnumerable<IExceptionQueueEvent> events) =>
        events.Aggregate(state, (s, e) => s.ProcessEvent(e));

    /// <summary>The status as operators read and type it: <c>open</c>, <c>retrying</c>, <c>resolved</c>, <c>ignored</c>.</summary>
    public static string Name(ExceptionStatus status) => status.ToString().ToLowerInvariant();

    private static ExceptionQueueState Add(ExceptionQueueState state, ExceptionRecord record) => state with
    {
        Exceptions = state.Exceptions.SetItem(record.Id, record),
        LatestByKey = state.LatestByKey.SetItem(ExceptionQueueState.Key(record), record.Id),
        NextNumber = Math.Max(state.NextNumber, record.Number + 1),
    };

    private static ExceptionQueueState Update(ExceptionQueueState state, string id, Func<ExceptionRecord, ExceptionRecord> change) =>
        state.Exceptions.TryGetValue(id, out var record) ? state with { Exceptions = state.Exceptions.SetItem(id, change(record)) } : state;

    private static ExceptionQueueState Purge(ExceptionQueueState state, DateTimeOffset before)
    {
        var gone = state.Exceptions.Values.Where(e => e.ClosedAt < before).Select(e => e.Id).ToHashSet();
        return state with
        {
            Exceptions = state.Exceptions.RemoveRange(gone),
            LatestByKey = state.LatestByKey.RemoveRange(state.LatestByKey.Where(kv => gone.Contains(kv.Value)).Select(kv => kv.Key)),
            LastSuccess = state.LastSuccess.RemoveRange(state.LastSuccess.Where(kv => kv.Value < before).Select(kv => kv.Key)),
        };
    }

    // Stryker disable once Equality : equivalent, the later of two equal instants is either of them
    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    /// <summary>One event; the reply carries the exception as it will be once the event is applied.</summary>
    private static ExceptionQueueDecision Decide(ExceptionQueueState state, IExceptionQueueEvent evt, ExceptionResultCode code, string message)
    {
        var id = IdOf(evt);
        // Stryker disable once Conditional : equivalent, no exception has the empty id, so finding it gives null too
        return new([evt], new ExceptionCommandResult(id, code, message, id.Length == 0 ? null : state.ProcessEvent(evt).Find(id)));
    }

    private static ExceptionQueueDecision Reply(string id, ExceptionResultCode code, string message, ExceptionRecord? record = null) =>
        new([], new ExceptionCommandResult(id, code, message, record));

    private static ExceptionQueueDecision NotFound(string id) =>
        Reply(id, ExceptionResultCode.NotFound, $"No exception {id}.");

    private static string IdOf(IExceptionQueueEvent evt) => evt switch
    {
        ExceptionRaised e => e.ExceptionId,
        ExceptionRaisedAgain e => e.ExceptionId,
        RetryRequested e => e.ExceptionId,
        RetryAcknowledged e => e.ExceptionId,
        RetryFailed e => e.ExceptionId,
        ExceptionResolved e => e.ExceptionId,
        ExceptionIgnored e => e.ExceptionId,
        _ => "",
    };
}
