using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Validation;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Domain.PosFlow;

/// <summary>What the POS flow's decisions depend on besides the state: the mapping and the flow's settings.</summary>
/// <param name="PostRefundPayments">Whether a return's refund goes to SAP as an outgoing payment (VendorPayments) after its credit note.</param>
/// <param name="OriginalWait">How long a return waits for its sale's invoice before its credit note stands alone.</param>
/// <param name="OriginalPoll">How often a waiting return asks its sale again.</param>
public sealed record PosRules(OrderMapping Mapping, LockRetryPolicy LockRetry, bool PostRefundPayments, TimeSpan OriginalWait, TimeSpan OriginalPoll);

/// <summary>A decision: events to journal, the reply (if a command asked for one) and what to do next.</summary>
public sealed record PosDecision(ImmutableList<IPosEvent> Events, PosCommandResult? Reply, NextStep Next) : IFlowDecision<IPosEvent>
{
    object? IFlowDecision<IPosEvent>.ReplyMessage => Reply;

    public static PosDecision Only(NextStep next) => new([], null, next);

    internal static PosDecision Of(JobDecision<IPosEvent> decided) => new(decided.Events, null, decided.Next);
}

/// <summary>The POS flow's events for what happens to its documents; a parked one holds back only the documents that need it.</summary>
internal sealed record PosJobEvents(PosTransactionState State, DateTimeOffset At) : IJobEvents<IPosEvent>
{
    public IPosEvent Completed(string key, JobVerdict.Completed done) => new PosJobCompleted(State.TransactionId, key, done.DocEntry, done.DocNum, done.FoundByLookup, At);
    public IPosEvent Deferred(string key, JobVerdict.Deferred deferred) => new PosJobDeferred(State.TransactionId, key, deferred.Reason, deferred.LockAttempts, At);
    public IPosEvent Parked(string key, ExceptionDetails exception) => new PosJobParked(State.TransactionId, key, exception, At);
    public IPosEvent Picked(string key, ImmutableList<LinePick> picks) => new PosStockPicked(State.TransactionId, key, picks, At);
    public IPosEvent PickRefused(string key, string reason) => new PosStockPickRefused(State.TransactionId, key, reason, At);
    public bool AnotherJobCanGo(IPosEvent evt) => State.ProcessEvent(evt).NextJob is not null;
}

/// <summary>
/// A POS transaction's rules as pure functions. A sale becomes an A/R invoice with no base document, then one incoming
/// payment per mapped account settling it; a return becomes an A/R credit note, based on its sale's invoice when the
/// engine knows it, then its refunds (<see cref="PosDocumentBuilder"/> builds both). The plan is journaled before
/// anything is sent, so recovery never depends on the mapping in force later. Documents then run as
/// <see cref="PostingJobs"/>: one request at a time, a payment only after its invoice, and a look-up by the document's
/// key after any uncertain answer. <see cref="NextStep.Post"/> means "do the current piece of work": post the next
/// document, or, while <see cref="PosStatus.AwaitingOriginal"/>, ask the sale for its invoice.
/// </summary>
public static class PosDecisions
{
    public static PosDecision ProcessCommand(this PosTransactionState state, PosCommands.SubmitPosTransaction cmd, PosRules rules, DateTimeOffset now)
    {
        var fingerprint = PosFingerprint.Of(cmd.Transaction);
        if (!state.IsEmpty)
        {
            return Reply(cmd.TransactionId, state.Fingerprint == fingerprint
                ? (CommandResultCode.Duplicate, $"POS transaction {cmd.TransactionId} was already accepted; nothing to do.")
                : (CommandResultCode.Conflict, $"POS transaction {cmd.TransactionId} was already accepted with different content; the change was not applied."));
        }
        if (cmd.Transaction.Key.EntityId != cmd.TransactionId)
            return Reply(cmd.TransactionId, (CommandResultCode.Rejected,
                $"Transaction id {cmd.TransactionId} does not match the receipt's channel and id ({cmd.Transaction.Key.EntityId})."));

        var received = new PosTransactionReceived(cmd.TransactionId, cmd.Transaction, fingerprint, now);
        var after = state.ProcessEvent(received);
        if (after.OriginalTransactionId is { } original && original != cmd.TransactionId)
            return new([received, new PosOriginalAwaited(cmd.TransactionId, original, now)],
                Accepted(cmd.TransactionId, $"Accepted; its credit note waits for the invoice of sale {original}."), NextStep.PostNow);

        var (plan, next) = Plan(after, null, [], rules, now);
        return new([received, plan], Accepted(cmd.TransactionId, plan is PosTransactionQuarantined q ? $"Accepted and parked: {Reasons(q.Exceptions)}" : "Accepted."), next);
    }

    /// <summary>
    /// An operator's retry: a parked document goes again (looked up first: an earlier send may have landed); a
    /// quarantined transaction is planned again from its receipt, with the mapping in force now.
    /// </summary>
    public static PosDecision ProcessCommand(this PosTransactionState state, PosCommands.RetryPosTransaction cmd, PosRules rules, DateTimeOffset now)
    {
        if (state.Status == PosStatus.Planned && state.Jobs.FirstOrDefault(j => j.Status == JobStatus.Parked) is { } parked)
            return new([new PosJobReleased(state.TransactionId, parked.Key, now)],
                Accepted(state.TransactionId, $"Released {parked.Key} for another attempt."), NextStep.LookUpNow);
        if (state.Status != PosStatus.Quarantined)
            return Reply(cmd.TransactionId, state.IsEmpty
                ? (CommandResultCode.NotFound, $"No POS transaction {cmd.TransactionId}.")
                : (CommandResultCode.Rejected, $"POS transaction {cmd.TransactionId} is {state.Status} with nothing parked."));

        var released = new PosQuarantineReleased(state.TransactionId, now);
        if (state.OriginalTransactionId is { } original && original != state.TransactionId)
            return new([released, new PosOriginalAwaited(state.TransactionId, original, now)],
                Accepted(state.TransactionId, $"Released; its credit note asks sale {original} for its invoice again."), NextStep.PostNow);
        var (plan, next) = Plan(state, null, [], rules, now);
        return plan is PosTransactionQuarantined still
            ? new([still], new PosCommandResult(state.TransactionId, CommandResultCode.Rejected, $"Still failing: {Reasons(still.Exceptions)}"), NextStep.None)
            : new([released, plan], Accepted(state.TransactionId, "Released for another attempt."), next);
    }

    /// <summary>What a waiting return learned from its sale.</summary>
    public static PosDecision ProcessOriginal(this PosTransactionState state, OriginalSale sale, PosRules rules, DateTimeOffset now)
    {
        if (state.Status != PosStatus.AwaitingOriginal) return PosDecision.Only(NextStep.None);
        switch (sale)
        {
            case OriginalSale.Invoiced invoiced:
                return Planned(state, invoiced.Invoice, [], rules, now);
            case OriginalSale.NotInvoiced not:
                return Planned(state, null, [$"The credit note stands alone: {not.Why}."], rules, now);
            case OriginalSale.Pending when now - (state.ReceivedAt ?? now) < rules.OriginalWait:
                return PosDecision.Only(new NextStep.Wait(rules.OriginalPoll, NextStep.PostNow));
            case OriginalSale.Pending pending:
                return Planned(state, null, [$"The credit note stands alone: after {rules.OriginalWait} {pending.Why}."], rules, now);
            default:
                throw new ArgumentOutOfRangeException(nameof(sale), sale, "Unknown original sale answer.");
        }
    }

    /// <summary>What SAP's answer to the document <paramref name="key"/> means.</summary>
    public static PosDecision ProcessOutcome(this PosTransactionState state, string key, PostOutcome outcome, LockRetryPolicy policy, DateTimeOffset now, double jitter) =>
        PosDecision.Of(state.NextJob.Outcome(key, outcome, policy, now, jitter, new PosJobEvents(state, now)));

    /// <summary>What a look-up of the document <paramref name="key"/> by its key found: found is done (never post twice), absent means post now.</summary>
    public static PosDecision ProcessLookup(this PosTransactionState state, string key, LookupOutcome outcome, DateTimeOffset now) =>
        PosDecision.Of(state.NextJob.Lookup(key, outcome, new PosJobEvents(state, now)));

    /// <summary>Chooses the batches and serials the next document takes out; parks it when SAP's stock cannot cover them.</summary>
    public static PosDecision PickStock(this PosTransactionState state, StockReading reading, MasterDataSnapshot masterData, BatchAllocationStrategy strategy,
        DateTimeOffset now) =>
        PosDecision.Of(state.NextJob.PickStock(reading, masterData, strategy, new PosJobEvents(state, now)));

    /// <summary>Where SAP's stock must be read before the next document can post (its batch- and serial-managed rows that take stock out).</summary>
    public static ImmutableList<StockPlace> StockToRead(this PosTransactionState state, MasterDataSnapshot? masterData) =>
        state.NextJob?.StockToRead(masterData) ?? [];

    /// <summary>The request for the next document, or null when there is nothing to send.</summary>
    public static WorkItem? CurrentWork(this PosTransactionState state) => state.NextJob is { } job ? state.Jobs.Work(job) : null;

    /// <summary>
    /// What a transaction woken from its journal must do: ask its sale again, or look its next document up before
    /// posting it (it may have been mid-post when the process died, and the journal cannot tell).
    /// </summary>
    public static NextStep OnRecovery(this PosTransactionState state) =>
        state.Status == PosStatus.AwaitingOriginal ? NextStep.PostNow
        : state.NextJob is not null ? NextStep.LookUpNow
        : NextStep.None;

    /// <summary>Stamps every progress event with whether work is still owed once it has been applied.</summary>
    public static ImmutableList<IPosEvent> StampProgress(this PosTransactionState state, ImmutableList<IPosEvent> events) =>
        ProgressStamps.Stamp(state, events, ProcessEvent, s => s.HasUnfinishedWork, (e, pending) => e is PosProgressEvent p ? (IPosEvent)(p with { WorkPending = pending }) : e);

    public static PosTransactionState ProcessEvent(this PosTransactionState state, IPosEvent evt) => evt switch
    {
        PosTransactionReceived e => state with { Status = PosStatus.Received, Transaction = e.Transaction, Fingerprint = e.Fingerprint, ReceivedAt = e.At },
        PosOriginalAwaited => state with { Status = PosStatus.AwaitingOriginal },
        PosTransactionPlanned e => state with
        {
            Status = PosStatus.Planned, Jobs = e.Jobs, CardCode = e.CardCode, OriginalInvoice = e.OriginalInvoice, Notes = e.Notes, Exceptions = [],
        },
        PosTransactionQuarantined e => state with { Status = PosStatus.Quarantined, Exceptions = e.Exceptions, Notes = e.Notes, LastProblem = Reasons(e.Exceptions) },
        PosQuarantineReleased => state with { Exceptions = [] },
        PosJobCompleted e => Settle(state with { Jobs = state.Jobs.Complete(e.Key, e.DocEntry, e.DocNum) }),
        PosJobDeferred e => state with { Jobs = state.Jobs.Defer(e.Key, e.LockAttempts, e.At), LastProblem = e.Reason },
        PosJobParked e => state with { Jobs = state.Jobs.Park(e.Key, e.Exception), LastProblem = e.Exception.Reason },
        PosJobReleased e => state with { Jobs = state.Jobs.Release(e.Key) },
        PosStockPicked e => state with { Jobs = state.Jobs.Picked(e.Key, e.Picks) },
        PosStockPickRefused e => state with { Jobs = state.Jobs.PickRefused(e.Key), LastProblem = e.Reason },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown POS event."),
    };

    private static PosTransactionState Settle(PosTransactionState state) => state.Jobs.AllDone() ? state with { Status = PosStatus.Posted } : state;

    private static PosDecision Planned(PosTransactionState state, OriginalInvoice? original, ImmutableList<string> notes, PosRules rules, DateTimeOffset now)
    {
        var (plan, next) = Plan(state, original, notes, rules, now);
        return new([plan], null, next);
    }

    /// <summary>Builds the documents (or the reasons it cannot) from the receipt as journaled.</summary>
    private static (IPosEvent Event, NextStep Next) Plan(PosTransactionState state, OriginalInvoice? original, ImmutableList<string> notes,
        PosRules rules, DateTimeOffset now)
    {
        var tx = state.Transaction!;
        var built = PosDocumentBuilder.Build(tx, rules.Mapping, snapshot: null, original);
        var allNotes = notes.AddRange(built.Notes);
        if (!built.CanPost)
        {
            var exceptions = built.Exceptions.IsEmpty ? [ExceptionTypes.InvalidOrder($"{tx.Channel} POS {tx.ExternalId} gave nothing to post.")] : built.Exceptions;
            return (new PosTransactionQuarantined(state.TransactionId, exceptions, allNotes, now), NextStep.None);
        }
        var leaveOut = !rules.PostRefundPayments && tx.Kind == PosTransactionKind.Return;
        if (leaveOut && built.Postings.Any(p => p.EntitySet == SapFlowEntitySets.VendorPayments))
            allNotes = allNotes.Add("Refund payments are not posted (Pos:PostRefundPayments is off): the refund is settled by hand against the credit note.");
        var (jobs, problem) = PostingJobs.FromPlan(built.Postings, p => !(leaveOut && p.EntitySet == SapFlowEntitySets.VendorPayments));
        if (jobs is null)
            return (new PosTransactionQuarantined(state.TransactionId, [ExceptionTypes.InvalidOrder($"{tx.Channel} POS {tx.ExternalId}: {problem}")], allNotes, now), NextStep.None);
        var cardCode = built.Postings[0].Body is SapDocument document ? document.CardCode : "";
        return (new PosTransactionPlanned(state.TransactionId, jobs, cardCode, original?.DocEntry, allNotes, now), NextStep.PostNow);
    }

    private static string Reasons(ImmutableList<ExceptionDetails> exceptions) => string.Join("; ", exceptions.Select(e => e.Reason));

    private static PosCommandResult Accepted(string id, string message) => new(id, CommandResultCode.Accepted, message);

    private static PosDecision Reply(string id, (CommandResultCode Code, string Message) reply) => new([], new PosCommandResult(id, reply.Code, reply.Message), NextStep.None);
}
