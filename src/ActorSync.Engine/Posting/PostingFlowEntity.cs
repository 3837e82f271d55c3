using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;

namespace ActorSync.Engine.Posting;

/// <summary>
/// The posting machine every flow's entity runs on (orders, POS transactions, warehouse windows): journal a
/// decision's events and reply once they are stored; send the current piece of work through the gateway, one request
/// at a time, reading SAP's batches and serials first when it takes managed stock out; look a document up after any
/// uncertain answer or silence; wait on a timer; report parked work (and its later success) to the exception queue;
/// leave memory only once settled. A flow supplies its rules (pure functions over its state), its own commands and
/// reports, and any step of its own that is not a gateway request.
/// </summary>
public abstract class PostingFlowEntity<TState, TEvent, TDecision> : ReceivePersistentActor, IWithTimers
    where TEvent : class
    where TDecision : IFlowDecision<TEvent>
{
    private sealed record Resume(NextStep Step) : INoSerializationVerificationNeeded;

    /// <summary>Payloads for the exception queue: the record as the flow received it, enums by name.</summary>
    private static readonly JsonSerializerOptions PayloadJson = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly GatewayConversation _conversation;
    private readonly StockReads _stockReads;
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _passivateAfter;
    /// <summary>Counts and logs what is journaled (records in, documents posted, parked, lock waits); null without the engine's services.</summary>
    private readonly Operations.FlowTelemetry? _telemetry = Operations.FlowTelemetry.Of(Context.System);
    /// <summary>Why the next wait waits: the last SAP answer that was not the end of the work.</summary>
    private string? _lastAnswer;
    protected TState State;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    /// <summary>
    /// A record has a handful of events, so replaying them is cheaper than asking the snapshot store first; in a
    /// burst most entities are brand new, and that extra query per recovery was most of the intake cost.
    /// </summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    protected PostingFlowEntity(string persistenceId, TState empty, ServiceLayerGatewayQueue gateway, TimeSpan attemptTimeout, TimeSpan passivateAfter,
        IReadOnlyActorRegistry registry, MasterDataSnapshotHolder masterData, IStockReader stockReader)
    {
        PersistenceId = persistenceId;
        State = empty;
        Registry = registry;
        (_attemptTimeout, _passivateAfter) = (attemptTimeout, passivateAfter);
        _conversation = new GatewayConversation(gateway, attemptTimeout);
        _stockReads = new StockReads(masterData, stockReader);

        Recover<TEvent>(evt =>
        {
            State = Evolve(State, evt);
            WasParked |= Parks(evt);
        });
        Recover<RecoveryCompleted>(_ => Act(OnRecovery()));

        Command<DocumentPosted>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _lastAnswer = WaitingReasons.After(msg.Outcome);
            Apply(Outcome(msg.CorrelationId, msg.Outcome, DateTimeOffset.UtcNow));
        });
        Command<DocumentLookedUp>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _lastAnswer = WaitingReasons.After(msg.Outcome);
            Apply(Lookup(msg.CorrelationId, msg.Outcome, DateTimeOffset.UtcNow));
        });
        Command<StockReads.Read>(msg =>
        {
            if (_stockReads.Finish() is not { } snapshot) { Act(NextStep.PostNow); return; }
            Apply(Pick(msg.Reading, snapshot, DateTimeOffset.UtcNow));
        });
        Command<StockReads.Failed>(msg =>
        {
            _stockReads.Finish();
            Log.Warning("{0}: could not read SAP's batch and serial stock ({1}); trying again", Describe, msg.Reason);
            _lastAnswer = $"the next try: SAP's batch and serial stock could not be read ({msg.Reason})";
            Act(new NextStep.Wait(PostingJobs.DefaultRetryDelay, NextStep.PostNow));
        });
        Command<Resume>(msg => Act(msg.Step));
        Command<GatewayConversation.Enqueued>(_ => { });
        Command<GatewayConversation.AttemptTimedOut>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            Log.Warning("{0}: no answer to attempt {1} within {2}; looking the document up", Describe, msg.Attempt, _attemptTimeout);
            Act(NextStep.LookUpNow);
        });
        Command<GatewayConversation.EnqueueFailed>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            Log.Warning("{0}: could not reach the gateway ({1}); trying again", Describe, msg.Cause.Message);
            _lastAnswer = $"the next try: the gateway did not take the request ({msg.Cause.Message})";
            Act(new NextStep.Wait(PostingJobs.DefaultRetryDelay, NextStep.LookUpNow));
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    // ---- the flow's rules -----------------------------------------------------------------------------------------

    /// <summary>How logs name this record (<c>POS transaction sitoo:11513</c>).</summary>
    protected abstract string Describe { get; }
    protected abstract TState Evolve(TState state, TEvent evt);
    protected abstract ImmutableList<TEvent> StampProgress(ImmutableList<TEvent> events);
    protected abstract NextStep OnRecovery();
    protected abstract TDecision Outcome(string key, PostOutcome outcome, DateTimeOffset now);
    protected abstract TDecision Lookup(string key, LookupOutcome outcome, DateTimeOffset now);
    protected abstract TDecision Pick(StockReading reading, MasterDataSnapshot masterData, DateTimeOffset now);
    protected abstract ImmutableList<StockPlace> StockToRead(MasterDataSnapshot? masterData);
    protected abstract WorkItem? CurrentWork();

    /// <summary>The record still owes something (to SAP, or to whoever else the flow talks to): it must not leave memory.</summary>
    protected abstract bool HasUnfinishedWork { get; }

    /// <summary>Whether a journaled event parks something of the record for an operator.</summary>
    protected virtual bool Parks(TEvent evt) => false;

    /// <summary>What a journaled event tells the exception queue: parked work raised, or its later success.</summary>
    protected virtual IEnumerable<object> Report(TEvent evt) => [];

    /// <summary>A step only this flow knows how to take (true when taken); asked before the shared ones.</summary>
    protected virtual bool TakeOwnStep(NextStep step) => false;

    /// <summary>After every step: timers and side conversations that follow the state.</summary>
    protected virtual void AfterStep() { }

    // ---- the shared machinery -------------------------------------------------------------------------------------

    protected IReadOnlyActorRegistry Registry { get; }

    /// <summary>SAP's master data as this node holds it (null until loaded).</summary>
    protected MasterDataSnapshot? MasterData => _stockReads.MasterData;

    /// <summary>
    /// Something of this record was parked at some point (journal included), so its later success is worth reporting:
    /// the exception queue then resolves the exception by itself.
    /// </summary>
    protected bool WasParked { get; private set; }

    /// <summary>Whether an answer is to the attempt in flight (a late answer to an abandoned one is ignored).</summary>
    protected bool Answers(int attempt) => _conversation.Answers(Timers, attempt);

    /// <summary>Starts an attempt of something other than a gateway request (asking another entity), answered through PipeTo.</summary>
    protected int BeginAttempt() => _conversation.Begin();

    /// <param name="replyTo">Who gets the reply when it is not the sender of the message being handled (an answer piped back).</param>
    protected void Apply(TDecision decision, IActorRef? replyTo = null)
    {
        var sender = replyTo ?? Sender;
        if (decision.Events.IsEmpty)
        {
            if (decision.ReplyMessage is { } reply) sender.Tell(reply);
            Act(decision.Next);
            return;
        }
        var events = StampProgress(decision.Events);
        var last = events[^1];
        PersistAll(events, evt =>
        {
            State = Evolve(State, evt);
            _telemetry?.Journaled(evt);
            ToExceptionQueue(Report(evt));
            WasParked |= Parks(evt);
            if (!ReferenceEquals(evt, last)) return;
            if (decision.ReplyMessage is { } reply) sender.Tell(reply);
            Act(decision.Next);
        });
    }

    protected void Act(NextStep step)
    {
        // While an answer (or a stock read) is in flight, it decides what comes next.
        var busy = step is NextStep.Post or NextStep.LookUp && (_conversation.InFlight || _stockReads.InFlight);
        if (!busy && !TakeOwnStep(step)) TakeSharedStep(step);
        if (!HasUnfinishedWork && !_conversation.InFlight && !_stockReads.InFlight) Waiting = null;
        AfterStep();
        // Only settled records may leave memory: an unfinished one holds timers and waits for answers.
        Context.SetReceiveTimeout(HasUnfinishedWork || _conversation.InFlight || _stockReads.InFlight ? null : _passivateAfter);
    }

    /// <summary>
    /// What the record waits for now (null when it waits for nothing: settled, parked for an operator, or between
    /// steps). Kept in memory only; the ops API shows it beside the journaled state.
    /// </summary>
    protected WaitingOn? Waiting { get; private set; }

    /// <summary>A flow's own step says why its next wait waits (an order's check waiting for SAP's master data).</summary>
    protected void WaitsBecause(string why) => _lastAnswer = why;

    private void WaitFor(string what, DateTimeOffset? nextTryAt = null) => Waiting = new(what, DateTimeOffset.UtcNow, nextTryAt);

    /// <summary>A payload for the exception queue.</summary>
    protected static string Payload(object? value) => JsonSerializer.Serialize(value, PayloadJson);

    /// <summary>Problems of one type as one exception (each type reaches its own team), their reasons joined.</summary>
    protected static ExceptionDetails Combine(IReadOnlyList<ExceptionDetails> sameType) =>
        sameType.Count == 1 ? sameType[0] : sameType[0] with { Reason = string.Join("; ", sameType.Select(e => e.Reason)) };

    private void TakeSharedStep(NextStep step)
    {
        switch (step)
        {
            case NextStep.Post when StockToRead(_stockReads.MasterData) is { IsEmpty: false } places:
                _stockReads.Start(Self, places);
                WaitFor(WaitingReasons.ReadingStock());
                break;
            case NextStep.Post when CurrentWork() is { } work:
                _conversation.Post(Timers, Self, attempt => new PostDocument(work.Key, attempt, work.Kind, work.Path, work.Body, Self));
                WaitFor(WaitingReasons.Sent(work));
                break;
            case NextStep.LookUp when CurrentWork() is { } work:
                _conversation.LookUp(Timers, Self, attempt => new LookUpDocument(work.Key, attempt, work.LookUp, Self));
                WaitFor(WaitingReasons.LookingUp(work));
                break;
            case NextStep.Wait wait:
                Timers.StartSingleTimer("retry", new Resume(wait.Then), wait.Delay);
                WaitFor(_lastAnswer ?? "the next try", DateTimeOffset.UtcNow + wait.Delay);
                break;
        }
    }

    /// <summary>Fire and forget: the queue tolerates duplicates, and the journal is the truth if a report is lost.</summary>
    private void ToExceptionQueue(IEnumerable<object> messages)
    {
        if (!Registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue)) return;
        foreach (var message in messages) queue.Tell(message);
    }
}
