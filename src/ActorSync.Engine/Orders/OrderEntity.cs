using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Channels.Outbound;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using ActorSync.Engine.Tracking;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using static ActorSync.Domain.Orders.OrderCommands;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Engine.Orders;

/// <summary>
/// One channel order, from the sales order through deliveries, invoices, credit notes and cancellation. It serialises
/// everything that happens to the order, so "never post twice" is a local decision: the rules live in
/// <see cref="OrderDecisions"/> and <see cref="FulfilmentDecisions"/>; the posting machinery in
/// <see cref="PostingFlowEntity{TState, TEvent, TDecision}"/>. This actor adds the order's commands, its own steps
/// (checking a received order against SAP's master data, publishing shipments to the channel beside the SAP work) and
/// its reports to the exception queue.
/// </summary>
public sealed class OrderEntity : PostingFlowEntity<OrderState, IOrderEvent, OrderDecision>
{
    public const string PersistencePrefix = "order-";

    /// <summary>Wakes an order without changing it: recovery alone makes it resume its unfinished work.</summary>
    public sealed record Wake(string OrderId) : IWithOrderId;

    private sealed record RetryWithFreshData(RetryOrder Command, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    /// <summary>The order's payload as it always was (enums by number), so exceptions raised before and after read alike.</summary>
    private static readonly JsonSerializerOptions PayloadJson = new() { WriteIndented = false };

    private readonly OrderFlowSettings _settings;
    private readonly ShipmentTracking _tracking;

    public OrderEntity(string orderId, OrderFlowSettings settings, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader, ShipmentPublishers publishers)
        : base(PersistencePrefix + orderId, OrderState.Empty(orderId), gateway, settings.AttemptTimeout, settings.PassivateAfter, registry, masterData, stockReader)
    {
        _settings = settings;
        _tracking = new ShipmentTracking(publishers);

        var now = () => DateTimeOffset.UtcNow;
        Command<SubmitOrder>(cmd => Apply(State.ProcessCommand(cmd, _settings.EffectiveMapping, now(), MasterData)));
        Command<RetryOrder>(cmd =>
        {
            // A retry usually follows a fix in SAP: check against fresh master data, not the copy from before the fix.
            if (!Registry.TryGet<MasterDataRefresh>(out var refresher))
            {
                Apply(State.ProcessCommand(cmd, _settings.EffectiveMapping, now(), MasterData));
                return;
            }
            var replyTo = Sender;
            refresher.Ask<MasterDataRefreshed>(RefreshMasterData.Instance, TimeSpan.FromSeconds(60))
                .PipeTo(Self, success: _ => new RetryWithFreshData(cmd, replyTo), failure: _ => new RetryWithFreshData(cmd, replyTo));
        });
        Command<RetryWithFreshData>(msg => Apply(State.ProcessCommand(msg.Command, _settings.EffectiveMapping, now(), MasterData), msg.ReplyTo));
        Command<RecordDispatch>(cmd => Apply(State.ProcessCommand(cmd, now(), _tracking.TakesShipments(cmd.Dispatch.Channel), _settings.EffectiveMapping)));
        Command<PaymentCommands.RecordPayment>(cmd => Apply(State.ProcessCommand(cmd, _settings.EffectiveMapping, now())));
        Command<RecordRefund>(cmd => Apply(State.ProcessCommand(cmd, now(), _settings.EffectiveMapping)));
        Command<CancelOrder>(cmd => Apply(State.ProcessCommand(cmd, now())));
        Command<OrderQueries.GetOrderState>(_ => Sender.Tell(State));
        Command<OrderQueries.GetOrderProgress>(_ => Sender.Tell(new OrderProgress(State, Waiting)));
        Command<Wake>(_ => { });

        Command<ShipmentTracking.Answered>(msg =>
        {
            var retryIn = _tracking.Finish(msg.Outcome, Self, Timers);
            switch (msg.Outcome)
            {
                case ShipmentPublishOutcome.Published published:
                    Apply(State.ProcessTrackingPublished(msg.DispatchId, published.ChannelShipmentId, published.AlreadyThere, now()));
                    break;
                case ShipmentPublishOutcome.Rejected rejected:
                    Apply(State.ProcessTrackingRejected(msg.DispatchId, rejected.Reason, now()));
                    break;
                case ShipmentPublishOutcome.Failed failed:
                    // The channel is down or busy: the shipment stays owed (journaled) and goes when it answers again.
                    Log.Warning("{0}: the channel did not take the shipment of dispatch {1} ({2}); trying again in {3}", Describe, msg.DispatchId, failed.Reason, retryIn);
                    break;
            }
        });
        Command<ShipmentTracking.Due>(_ => Act(NextStep.None));
    }

    protected override string Describe => $"Order {State.OrderId}";
    protected override OrderState Evolve(OrderState state, IOrderEvent evt) => state.ProcessEvent(evt);
    protected override ImmutableList<IOrderEvent> StampProgress(ImmutableList<IOrderEvent> events) => State.StampProgress(events);
    protected override NextStep OnRecovery() => State.OnRecovery();
    protected override OrderDecision Outcome(string key, PostOutcome outcome, DateTimeOffset now) =>
        State.ProcessOutcome(outcome, _settings.LockRetry, now, Random.Shared.NextDouble());
    protected override OrderDecision Lookup(string key, LookupOutcome outcome, DateTimeOffset now) => State.ProcessLookup(outcome, now);
    protected override OrderDecision Pick(StockReading reading, MasterDataSnapshot masterData, DateTimeOffset now) =>
        State.PickStock(reading, masterData, _settings.EffectiveMapping.BatchAllocation, now);
    protected override ImmutableList<StockPlace> StockToRead(MasterDataSnapshot? masterData) => State.StockToRead(masterData);
    protected override WorkItem? CurrentWork() => State.CurrentWork();
    protected override bool HasUnfinishedWork => State.HasUnfinishedWork || _tracking.InFlight;
    protected override bool Parks(IOrderEvent evt) =>
        evt is OrderQuarantined or JobParked or RefundRecorded { ParkedBecause: not null } or TrackingParked or PaymentEvents.PaymentPlanned { ParkedBecause: not null };

    /// <summary>A received order's current piece of work is its check against the mapping and SAP's master data, not a request.</summary>
    protected override bool TakeOwnStep(NextStep step)
    {
        if (step is not NextStep.Post || State.Status != OrderStatus.Received) return false;
        if (MasterData is null) WaitsBecause("the next check: SAP's master data is not loaded yet, and the customer is matched against it");
        Apply(State.Validate(_settings.EffectiveMapping, MasterData, DateTimeOffset.UtcNow));
        return true;
    }

    /// <summary>Shipments go to the channel beside the SAP work, not behind it: an SAP outage does not hold the customer's tracking.</summary>
    protected override void AfterStep() => _tracking.PublishWhenDue(State, Self, Timers);

    /// <summary>
    /// Parked work goes to the exception queue with the payload it came from; once something was parked, the order's
    /// later progress is reported too, so the queue resolves the exception by itself.
    /// </summary>
    protected override IEnumerable<object> Report(IOrderEvent evt)
    {
        object? message = evt switch
        {
            OrderQuarantined e => Raise(e.Exception, e.At),
            JobParked e => Raise(e.Exception, e.At),
            RefundRecorded { ParkedBecause: { } parked } e => Raise(parked, e.At),
            PaymentEvents.PaymentPlanned { ParkedBecause: { } unmapped } e => Raise(unmapped, e.At),
            TrackingParked e => Raise(e.Exception, e.At),
            // Tracking runs beside the SAP jobs, so one side's success must not resolve the other side's exception.
            OrderPosted or JobCompleted or OrderCancelled or TrackingPublished when WasParked && !State.HasParkedWork =>
                new ExceptionQueueCommands.RecordSucceeded(RecordKinds.Order, State.OrderId, DateTimeOffset.UtcNow),
            _ => null,
        };
        return message is null ? [] : [message];
    }

    private ExceptionQueueCommands.RaiseException Raise(ExceptionDetails details, DateTimeOffset at) =>
        new(RecordKinds.Order, State.OrderId, details,
            JsonSerializer.Serialize(new { order = State.Order, dispatches = State.Dispatches, refunds = State.Refunds, payments = State.Money?.Planned }, PayloadJson), at);

    public static Props Props(string orderId, OrderFlowSettings settings, ServiceLayerGatewayQueue gateway, IReadOnlyActorRegistry registry,
        MasterDataSnapshotHolder masterData, IStockReader stockReader, ShipmentPublishers publishers) =>
        Akka.Actor.Props.Create(() => new OrderEntity(orderId, settings, gateway, registry, masterData, stockReader, publishers));
}
