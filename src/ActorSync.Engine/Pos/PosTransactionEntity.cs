using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.PosFlow;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.PosFlow.PosCommands;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Engine.Pos;

/// <summary>
/// One POS receipt: its invoice and payments (a sale) or its credit note and refunds (a return). The rules live in
/// <see cref="PosDecisions"/>; this actor journals their events, replies, sends one request at a time through the
/// gateway (or, for a return, asks its sale's entity for the invoice), keeps the timers, and reports parked work to
/// the exception queue.
/// </summary>
public sealed class PosTransactionEntity : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "pos-";

    /// <summary>Wakes a transaction without changing it: recovery alone makes it resume its unfinished work.</summary>
    public sealed record Wake(string TransactionId) : IWithPosTransactionId;

    private sealed record Resume(NextStep Step);
    private sealed record OriginalAnswered(int Attempt, OriginalSale Sale);

    private static readonly JsonSerializerOptions PayloadJson = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly PosFlowSettings _settings;
    private readonly PosRules _rules;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private PosTransactionState _state;
    private readonly GatewayConversation _conversation;
    private readonly StockReads _stockReads;
    /// <summary>Set once something was parked, so that later success is reported to the exception queue.</summary>
    private bool _reportSuccess;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    /// <summary>A handful of events: replaying them is cheaper than asking the snapshot store first.</summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public PosTransactionEntity(string transactionId, PosFlowSettings settings, PosRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader)
    {
        PersistenceId = PersistencePrefix + transactionId;
        (_settings, _rules, _registry) = (settings, rules, registry);
        _conversation = new GatewayConversation(gateway, settings.AttemptTimeout);
        _stockReads = new StockReads(masterData, stockReader);
        _state = PosTransactionState.Empty(transactionId);

        Recover<IPosEvent>(evt =>
        {
            _state = _state.ProcessEvent(evt);
            _reportSuccess |= evt is PosTransactionQuarantined or PosJobParked;
        });
        Recover<RecoveryCompleted>(_ => Act(_state.OnRecovery()));

        var now = () => DateTimeOffset.UtcNow;
        Command<SubmitPosTransaction>(cmd => Apply(_state.ProcessCommand(cmd, _rules, now())));
        Command<RetryPosTransaction>(cmd => Apply(_state.ProcessCommand(cmd, _rules, now())));
        Command<PosQueries.GetPosTransactionState>(_ => Sender.Tell(_state));
        Command<Wake>(_ => { });

        Command<DocumentPosted>(msg =>
        {
            if (Answers(msg.Attempt)) Apply(_state.ProcessOutcome(msg.CorrelationId, msg.Outcome, _rules.LockRetry, now(), Random.Shared.NextDouble()));
        });
        Command<DocumentLookedUp>(msg =>
        {
            if (Answers(msg.Attempt)) Apply(_state.ProcessLookup(msg.CorrelationId, msg.Outcome, now()));
        });
        Command<OriginalAnswered>(msg =>
        {
            if (Answers(msg.Attempt)) Apply(_state.ProcessOriginal(msg.Sale, _rules, now()));
        });
        Command<StockReads.Read>(msg =>
        {
            if (_stockReads.Finish() is not { } snapshot) { Act(NextStep.PostNow); return; }
            Apply(_state.PickStock(msg.Reading, snapshot, _rules.Mapping.BatchAllocation, now()));
        });
        Command<StockReads.Failed>(msg =>
        {
            _stockReads.Finish();
            _log.Warning("POS transaction {0}: could not read SAP's batch and serial stock ({1}); trying again", _state.TransactionId, msg.Reason);
            Act(new NextStep.Wait(OrderDecisions.DefaultRetryDelay, NextStep.PostNow));
        });
        Command<Resume>(msg => Act(msg.Step));
        Command<GatewayConversation.Enqueued>(_ => { });
        Command<GatewayConversation.AttemptTimedOut>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _log.Warning("POS transaction {0}: no answer to attempt {1} within {2}; looking the document up", _state.TransactionId, msg.Attempt, _settings.AttemptTimeout);
            Act(NextStep.LookUpNow);
        });
        Command<GatewayConversation.EnqueueFailed>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _log.Warning("POS transaction {0}: could not reach the gateway ({1}); trying again", _state.TransactionId, msg.Cause.Message);
            Act(new NextStep.Wait(OrderDecisions.DefaultRetryDelay, NextStep.LookUpNow));
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    private bool Answers(int attempt) => _conversation.Answers(Timers, attempt);

    private void Apply(PosDecision decision)
    {
        var sender = Sender;
        if (decision.Events.IsEmpty)
        {
            if (decision.Reply is not null) sender.Tell(decision.Reply);
            Act(decision.Next);
            return;
        }
        var events = _state.StampProgress(decision.Events);
        var last = events[^1];
        PersistAll(events, evt =>
        {
            _state = _state.ProcessEvent(evt);
            Report(evt);
            if (!ReferenceEquals(evt, last)) return;
            if (decision.Reply is not null) sender.Tell(decision.Reply);
            Act(decision.Next);
        });
    }

    private void Act(NextStep step)
    {
        switch (step)
        {
            case NextStep.Post or NextStep.LookUp when _conversation.InFlight || _stockReads.InFlight:
                break; // the answer in flight decides what comes next
            case NextStep.Post when _state.StockToRead(_stockReads.MasterData) is { IsEmpty: false } places:
                _stockReads.Start(Self, places);
                break;
            case NextStep.Post when _state is { Status: PosStatus.AwaitingOriginal, OriginalTransactionId: { } original }:
                AskOriginal(original);
                break;
            case NextStep.Post when _state.CurrentWork() is { } work:
                _conversation.Post(Timers, Self, attempt => new PostDocument(work.Item.Key, attempt, work.Item.Path, work.Item.Body, Self));
                break;
            case NextStep.LookUp when _state.CurrentWork() is { } work:
                _conversation.LookUp(Timers, Self, attempt => new LookUpDocument(work.Item.Key, attempt, work.Item.LookUpSet, work.Item.NumAtCard, Self, work.LookUpField));
                break;
            case NextStep.Wait wait:
                Timers.StartSingleTimer("retry", new Resume(wait.Then), wait.Delay);
                break;
        }
        // Only settled transactions may leave memory: an unfinished one holds timers and waits for answers.
        Context.SetReceiveTimeout(_state.HasUnfinishedWork || _conversation.InFlight || _stockReads.InFlight ? null : _settings.PassivateAfter);
    }


    /// <summary>Asks the sale's own entity what became of its invoice; the answer comes back through PipeTo.</summary>
    private void AskOriginal(string originalId)
    {
        var attempt = _conversation.Begin();
        _registry.Get<PosRegion>()
            .Ask<PosTransactionState>(new PosQueries.GetPosTransactionState(originalId), _settings.OriginalAskTimeout)
            .PipeTo(Self,
                success: sale => new OriginalAnswered(attempt, OriginalSale.Of(sale)),
                failure: ex => new OriginalAnswered(attempt, new OriginalSale.Pending($"sale {originalId} did not answer ({ex.GetType().Name})")));
    }

    /// <summary>
    /// Parked work goes to the exception queue with the receipt as its payload (one exception per problem type, so each
    /// reaches its team). Success is reported only once nothing of the transaction is parked any more: a second payment
    /// going through must not resolve the first one's exception. Fire and forget; the journal is the truth.
    /// </summary>
    private void Report(IPosEvent evt)
    {
        var id = _state.TransactionId;
        List<object> messages = evt switch
        {
            PosTransactionQuarantined e => e.Exceptions.GroupBy(x => x.Type).Select(g => Raise(Combine(g.ToList()), e.At)).ToList(),
            PosJobParked e => [Raise(e.Exception, e.At)],
            PosTransactionPlanned e when _reportSuccess && !_state.HasParkedWork => [new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Pos, id, e.At)],
            PosJobCompleted e when _reportSuccess && !_state.HasParkedWork => [new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Pos, id, e.At)],
            _ => [],
        };
        _reportSuccess |= evt is PosTransactionQuarantined or PosJobParked;
        if (messages.Count > 0 && _registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
            foreach (var message in messages) queue.Tell(message);

        object Raise(ExceptionDetails details, DateTimeOffset at) =>
            new ExceptionQueueCommands.RaiseException(RecordKinds.Pos, id, details, JsonSerializer.Serialize(_state.Transaction, PayloadJson), at);
    }

    private static ExceptionDetails Combine(IReadOnlyList<ExceptionDetails> sameType) =>
        sameType.Count == 1 ? sameType[0] : sameType[0] with { Reason = string.Join("; ", sameType.Select(e => e.Reason)) };

    public static Props Props(string transactionId, PosFlowSettings settings, PosRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader) =>
        Akka.Actor.Props.Create(() => new PosTransactionEntity(transactionId, settings, rules, gateway, registry, masterData, stockReader));
}
