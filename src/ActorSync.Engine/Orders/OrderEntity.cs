using System.Text.Json;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.Posting;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Orders;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.Posting;
using ActorSync.Engine.Tracking;
using ActorSync.Engine.MasterData;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using static ActorSync.Domain.Orders.OrderCommands;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Engine.Orders;

/// <summary>
/// One channel order, from the sales order through deliveries, invoices, credit notes and cancellation. It serialises
/// everything that happens to the order, so "never post twice" is a local decision: the rules live in
/// <see cref="OrderDecisions"/> and <see cref="FulfilmentDecisions"/>; this actor journals their events, replies,
/// sends the current piece of work through the gateway (one at a time) and keeps the timers.
/// </summary>
public sealed class OrderEntity : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "order-";

    /// <summary>Wakes an order without changing it: recovery alone makes it resume its unfinished work.</summary>
    public sealed record Wake(string OrderId) : IWithOrderId;

    private sealed record Resume(NextStep Step) : INoSerializationVerificationNeeded;
    private sealed record RetryWithFreshData(RetryOrder Command, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private static readonly JsonSerializerOptions PayloadJson = new() { WriteIndented = false };

    private readonly OrderFlowSettings _settings;
    private readonly IReadOnlyActorRegistry _registry;
    private readonly MasterDataSnapshotHolder _masterData;
    private readonly StockReads _stockReads;
    private readonly ShipmentTracking _tracking;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private OrderState _state;
    private readonly GatewayConversation _conversation;
    /// <summary>Set once something of this order was parked, so its later success is reported to the exception queue.</summary>
    private bool _reportSuccess;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    /// <summary>
    /// An order has a handful of events, so replaying them is cheaper than asking the snapshot store first; in a
    /// burst most entities are brand new, and that extra query per recovery was most of the intake cost.
    /// </summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public OrderEntity(string orderId, OrderFlowSettings settings, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader, ShipmentPublishers publishers)
    {
        _tracking = new ShipmentTracking(publishers);
        _masterData = masterData;
        _stockReads = new StockReads(masterData, stockReader);
        PersistenceId = PersistencePrefix + orderId;
        _settings = settings;
        _conversation = new GatewayConversation(gateway, settings.AttemptTimeout);
        _registry = registry;
        _state = OrderState.Empty(orderId);

        Recover<IOrderEvent>(evt =>
        {
            _state = _state.ProcessEvent(evt);
            _reportSuccess |= evt is OrderQuarantined or JobParked or RefundRecorded { ParkedBecause: not null } or TrackingParked;
        });
        Recover<RecoveryCompleted>(_ => Act(_state.OnRecovery()));

        var now = () => DateTimeOffset.UtcNow;
        Command<SubmitOrder>(cmd => Apply(_state.ProcessCommand(cmd, _settings.EffectiveMapping, now(), _masterData.Current)));
        Command<RetryOrder>(cmd =>
        {
            // A retry usually follows a fix in SAP: check against fresh master data, not the copy from before the fix.
            if (!_registry.TryGet<MasterDataRefresh>(out var refresher))
            {
                Apply(_state.ProcessCommand(cmd, _settings.EffectiveMapping, now(), _masterData.Current));
                return;
            }
            var replyTo = Sender;
            refresher.Ask<MasterDataRefreshed>(RefreshMasterData.Instance, TimeSpan.FromSeconds(60))
                .PipeTo(Self, success: _ => new RetryWithFreshData(cmd, replyTo), failure: _ => new RetryWithFreshData(cmd, replyTo));
        });
        Command<RetryWithFreshData>(msg => Apply(_state.ProcessCommand(msg.Command, _settings.EffectiveMapping, now(), _masterData.Current), msg.ReplyTo));
        Command<RecordDispatch>(cmd => Apply(_state.ProcessCommand(cmd, now(), _tracking.TakesShipments(cmd.Dispatch.Channel))));
        Command<RecordRefund>(cmd => Apply(_state.ProcessCommand(cmd, now(), _settings.EffectiveMapping)));
        Command<CancelOrder>(cmd => Apply(_state.ProcessCommand(cmd, now())));
        Command<OrderQueries.GetOrderState>(_ => Sender.Tell(_state));
        Command<Wake>(_ => { });

        Command<DocumentPosted>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            Apply(_state.ProcessOutcome(msg.Outcome, _settings.LockRetry, now(), Random.Shared.NextDouble()));
        });
        Command<DocumentLookedUp>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            Apply(_state.ProcessLookup(msg.Outcome, now()));
        });
        Command<StockReads.Read>(msg =>
        {
            if (_stockReads.Finish() is not { } snapshot) { Act(NextStep.PostNow); return; }
            Apply(_state.PickStock(msg.Reading, snapshot, _settings.EffectiveMapping.BatchAllocation, now()));
        });
        Command<StockReads.Failed>(msg =>
        {
            _stockReads.Finish();
            _log.Warning("Order {0}: could not read SAP's batch and serial stock ({1}); trying again", _state.OrderId, msg.Reason);
            Act(new NextStep.Wait(PostingJobs.DefaultRetryDelay, NextStep.PostNow));
        });
        Command<ShipmentTracking.Answered>(msg =>
        {
            var retryIn = _tracking.Finish(msg.Outcome, Self, Timers);
            switch (msg.Outcome)
            {
                case ShipmentPublishOutcome.Published published:
                    Apply(_state.ProcessTrackingPublished(msg.DispatchId, published.ChannelShipmentId, published.AlreadyThere, now()));
                    break;
                case ShipmentPublishOutcome.Rejected rejected:
                    Apply(_state.ProcessTrackingRejected(msg.DispatchId, rejected.Reason, now()));
                    break;
                case ShipmentPublishOutcome.Failed failed:
                    // The channel is down or busy: the shipment stays owed (journaled) and goes when it answers again.
                    _log.Warning("Order {0}: the channel did not take the shipment of dispatch {1} ({2}); trying again in {3}", _state.OrderId, msg.DispatchId, failed.Reason, retryIn);
                    break;
            }
        });
        Command<ShipmentTracking.Due>(_ => Act(NextStep.None));
        Command<Resume>(msg => Act(msg.Step));
        Command<GatewayConversation.Enqueued>(_ => { });
        Command<GatewayConversation.AttemptTimedOut>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _log.Warning("Order {0}: no answer to attempt {1} within {2}; looking the document up", _state.OrderId, msg.Attempt, _settings.AttemptTimeout);
            Act(NextStep.LookUpNow);
        });
        Command<GatewayConversation.EnqueueFailed>(msg =>
        {
            if (!Answers(msg.Attempt)) return;
            _log.Warning("Order {0}: could not reach the gateway ({1}); trying again", _state.OrderId, msg.Cause.Message);
            Act(new NextStep.Wait(PostingJobs.DefaultRetryDelay, NextStep.LookUpNow));
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    private bool Answers(int attempt) => _conversation.Answers(Timers, attempt);

    private void Apply(OrderDecision decision, IActorRef? replyTo = null)
    {
        var sender = replyTo ?? Sender;
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
                _conversation.Post(Timers, Self, attempt => new PostDocument(work.Key, attempt, work.Kind, work.Path, work.Body, Self));
                break;
            case NextStep.LookUp when _state.CurrentWork() is { } work:
                _conversation.LookUp(Timers, Self, attempt => new LookUpDocument(work.Key, attempt, work.LookUp, Self));
                break;
            case NextStep.Validate:
                Apply(_state.Validate(_settings.EffectiveMapping, _masterData.Current, DateTimeOffset.UtcNow));
                return;
            case NextStep.Wait wait:
                Timers.StartSingleTimer("retry", new Resume(wait.Then), wait.Delay);
                break;
        }
        _tracking.PublishWhenDue(_state, Self, Timers);
        // Only settled orders may leave memory: an unfinished one holds timers and waits for answers.
        Context.SetReceiveTimeout(_state.HasUnfinishedWork || _conversation.InFlight || _stockReads.InFlight || _tracking.InFlight ? null : _settings.PassivateAfter);
    }


    /// <summary>
    /// Parked work goes to the exception queue with the payload it came from; once something was parked, the order's
    /// later progress is reported too, so the queue resolves the exception by itself. Fire and forget: the queue
    /// tolerates duplicates, and the entity's journal is the truth if a report is lost.
    /// </summary>
    private void Report(IOrderEvent evt)
    {
        object? message = evt switch
        {
            OrderQuarantined e => new ExceptionQueueCommands.RaiseException(RecordKinds.Order, _state.OrderId, e.Exception, Payload(), e.At),
            JobParked e => new ExceptionQueueCommands.RaiseException(RecordKinds.Order, _state.OrderId, e.Exception, Payload(), e.At),
            RefundRecorded { ParkedBecause: { } parked } e => new ExceptionQueueCommands.RaiseException(RecordKinds.Order, _state.OrderId, parked, Payload(), e.At),
            TrackingParked e => new ExceptionQueueCommands.RaiseException(RecordKinds.Order, _state.OrderId, e.Exception, Payload(), e.At),
            // Tracking runs beside the SAP jobs, so one side's success must not resolve the other side's exception.
            OrderPosted or JobCompleted or OrderCancelled or TrackingPublished when _reportSuccess && !_state.HasParkedWork =>
                new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Order, _state.OrderId, DateTimeOffset.UtcNow),
            _ => null,
        };
        _reportSuccess |= evt is OrderQuarantined or JobParked or RefundRecorded { ParkedBecause: not null } or TrackingParked;
        if (message is not null && _registry.TryGet<ExceptionQueue.ExceptionQueue>(out var queue)) queue.Tell(message);
    }

    private string Payload() => JsonSerializer.Serialize(new { order = _state.Order, dispatches = _state.Dispatches, refunds = _state.Refunds }, PayloadJson);

    public static Props Props(string orderId, OrderFlowSettings settings, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader, ShipmentPublishers publishers) =>
        Akka.Actor.Props.Create(() => new OrderEntity(orderId, settings, gateway, registry, masterData, stockReader, publishers));
}
