using System.Text.Json;
using System.Text.Json.Serialization;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Engine.Warehouse;

/// <summary>
/// One source's coalescing window (<c>wms@20300115T090000Z</c>). Every movement is journaled before it is
/// acknowledged; a timer closes the batch once the window is over; the coalesced documents are journaled, then sent
/// through the gateway one at a time, each looked up by its key after any uncertain answer. The rules live in
/// <see cref="WarehouseDecisions"/>; this actor sequences them, keeps the timers and reports to the exception queue.
/// </summary>
public sealed class WarehouseMovementsEntity : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "warehouse-movements-";

    /// <summary>Wakes a window without changing it: recovery alone makes it re-arm its timer and resume posting.</summary>
    public sealed record Wake(string WindowId) : IWithWarehouseWindowId;

    private sealed record Resume(NextStep Step);

    private static readonly JsonSerializerOptions PayloadJson = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly WarehouseFlowSettings _settings;
    private readonly WarehouseRules _rules;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private WarehouseWindowState _state;
    private readonly GatewayConversation _conversation;
    private readonly StockReads _stockReads;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public WarehouseMovementsEntity(string windowId, WarehouseFlowSettings settings, WarehouseRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader)
    {
        PersistenceId = PersistencePrefix + windowId;
        (_settings, _rules, _registry) = (settings, rules, registry);
        _conversation = new GatewayConversation(gateway, settings.AttemptTimeout);
        _stockReads = new StockReads(masterData, stockReader);
        _state = WarehouseWindowState.Empty(windowId);

        Recover<IWarehouseEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ => Act(_state.OnRecovery()));

        var now = () => DateTimeOffset.UtcNow;
        Command<AcceptMovement>(cmd => Apply(_state.ProcessCommand(cmd, _rules, now())));
        Command<CloseBatch>(cmd => Apply(_state.ProcessCommand(cmd, _rules, now())));
        Command<RetryWarehouseItem>(cmd => Apply(_state.ProcessCommand(cmd, _rules, now())));
        Command<WarehouseQueries.GetWarehouseWindow>(_ => Sender.Tell(_state));
        Command<Wake>(_ => { });

        Command<DocumentPosted>(msg =>
        {
            if (Answers(msg.Attempt)) Apply(_state.ProcessOutcome(msg.CorrelationId, msg.Outcome, _rules.LockRetry, now(), Random.Shared.NextDouble()));
        });
        Command<DocumentLookedUp>(msg =>
        {
            if (Answers(msg.Attempt)) Apply(_state.ProcessLookup(msg.CorrelationId, msg.Outcome, now()));
        });
        Command<StockReads.Read>(msg =>
        {
            if (_stockReads.Finish() is not { } snapshot) { Act(NextStep.PostNow); return; }
            Apply(_state.PickStock(msg.Reading, snapshot, _rules.Mapping.BatchAllocation, now()));
        });
        Command<StockReads.Failed>(msg =>
        {
            _stockReads.Finish();
            _log.Warning("Warehouse window {0}: could not read SAP's batch and serial stock ({1}); trying again", _state.WindowId, msg.Reason);
            Act(new NextStep.Wait(OrderDecisions.DefaultRetryDelay, NextStep.PostNow));
        });
        Command<Resume>(msg => Act(msg.Step));
        Command<GatewayConversation.Enqueued>(_ => { });
        Command<GatewayConversation.AttemptTimedOut>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _log.Warning("Warehouse window {0}: no answer to attempt {1} within {2}; looking the document up", _state.WindowId, msg.Attempt, _settings.AttemptTimeout);
            Act(NextStep.LookUpNow);
        });
        Command<GatewayConversation.EnqueueFailed>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _log.Warning("Warehouse window {0}: could not reach the gateway ({1}); trying again", _state.WindowId, msg.Cause.Message);
            Act(new NextStep.Wait(OrderDecisions.DefaultRetryDelay, NextStep.LookUpNow));
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    private bool Answers(int attempt) => _conversation.Answers(Timers, attempt);

    private void Apply(WarehouseDecision decision)
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
        // The close timer follows the state: armed while movements are pending, whatever else is going on.
        if (_state is { HasPending: true, CloseAt: { } closeAt })
        {
            var delay = closeAt - DateTimeOffset.UtcNow;
            Timers.StartSingleTimer("close", new CloseBatch(_state.WindowId), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
        }
        Context.SetReceiveTimeout(_state.HasUnfinishedWork || _conversation.InFlight || _stockReads.InFlight ? null : _settings.PassivateAfter);
    }


    /// <summary>
    /// Each rejected movement and each parked document is its own record in the exception queue
    /// (<c>{window}/{key}</c>), so one bad movement never hides another and a retry reaches exactly that item.
    /// Success is reported for items that had failed once their document is in SAP. Fire and forget.
    /// </summary>
    private void Report(IWarehouseEvent evt)
    {
        var messages = new List<object>();
        switch (evt)
        {
            case BatchClosed e:
                foreach (var rejection in e.Rejected)
                foreach (var problem in rejection.Exceptions.GroupBy(x => x.Type))
                    messages.Add(Raise(rejection.MovementKey, Combine(problem.ToList()), MovementPayload(rejection.MovementKey), e.At));
                // Released movements that needed no document (a move within one SAP warehouse) are done now.
                foreach (var key in e.Coalesced.Where(k => _state.FindMovement(k) is { WasRejected: true } && !e.Documents.Any(d => d.MovementKeys.Contains(k))))
                    messages.Add(Succeeded(key, e.At));
                break;
            case WarehouseJobParked e:
                messages.Add(Raise(e.Key, e.Exception, DocumentPayload(e.Key), e.At));
                break;
            case WarehouseJobCompleted e when _state.DocumentOf(e.Key) is { } document:
                if (document.WasParked) messages.Add(Succeeded(e.Key, e.At));
                messages.AddRange(document.MovementKeys.Where(k => _state.FindMovement(k) is { WasRejected: true }).Select(k => Succeeded(k, e.At)));
                break;
        }
        if (messages.Count > 0 && _registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue))
            foreach (var message in messages) queue.Tell(message);
    }

    private object Raise(string itemKey, ExceptionDetails details, string payload, DateTimeOffset at) =>
        new ExceptionQueueCommands.RaiseException(RecordKinds.Warehouse, WarehouseWindows.RecordId(_state.WindowId, itemKey), details, payload, at);

    private object Succeeded(string itemKey, DateTimeOffset at) =>
        new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Warehouse, WarehouseWindows.RecordId(_state.WindowId, itemKey), at);

    private string MovementPayload(string key) => JsonSerializer.Serialize(_state.FindMovement(key)?.Movement, PayloadJson);

    private string DocumentPayload(string jobKey) => JsonSerializer.Serialize(new
    {
        document = _state.Jobs.FirstOrDefault(j => j.Key == jobKey),
        movements = _state.DocumentOf(jobKey)?.MovementKeys.Select(k => _state.FindMovement(k)?.Movement),
    }, PayloadJson);

    private static ExceptionDetails Combine(IReadOnlyList<ExceptionDetails> sameType) =>
        sameType.Count == 1 ? sameType[0] : sameType[0] with { Reason = string.Join("; ", sameType.Select(e => e.Reason)) };

    public static Props Props(string windowId, WarehouseFlowSettings settings, WarehouseRules rules, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader) =>
        Akka.Actor.Props.Create(() => new WarehouseMovementsEntity(windowId, settings, rules, gateway, registry, masterData, stockReader));
}
