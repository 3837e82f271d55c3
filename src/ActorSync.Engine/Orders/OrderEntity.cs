using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Engine.Gateway;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Orders.OrderCommands;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Engine.Orders;

/// <summary>
/// One channel order. Serialises everything that happens to it, so "never post twice" is a local decision:
/// the rules live in <see cref="OrderDecisions"/>; this actor journals their events, replies, and carries out
/// the next step through the gateway and its timers.
/// </summary>
public sealed class OrderEntity : ReceivePersistentActor, IWithTimers
{
    public const string PersistencePrefix = "order-";

    /// <summary>Wakes an order without changing it: recovery alone makes it resume its unfinished work.</summary>
    public sealed record Wake(string OrderId) : IWithOrderId;

    private sealed record Resume(NextStep Step);
    private sealed record AttemptTimedOut(int Attempt);
    private sealed record EnqueueFailed(int Attempt, Exception Cause);
    private sealed record Enqueued
    {
        public static readonly Enqueued Instance = new();
    }

    private readonly OrderFlowSettings _settings;
    private readonly ServiceLayerGatewayQueue _gateway;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private OrderState _state;
    private int _attempt;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    /// <summary>
    /// An order has a handful of events, so replaying them is cheaper than asking the snapshot store first; in a
    /// burst most entities are brand new, and that extra query per recovery was most of the intake cost.
    /// </summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public OrderEntity(string orderId, OrderFlowSettings settings, ServiceLayerGatewayQueue gateway)
    {
        PersistenceId = PersistencePrefix + orderId;
        _settings = settings;
        _gateway = gateway;
        _state = OrderState.Empty(orderId);

        Recover<IOrderEvent>(evt => _state = _state.ProcessEvent(evt));
        Recover<RecoveryCompleted>(_ => Act(_state.OnRecovery()));

        Command<SubmitOrder>(cmd => Apply(_state.ProcessCommand(cmd, _settings.EffectiveMapping, DateTimeOffset.UtcNow)));
        Command<RetryOrder>(cmd => Apply(_state.ProcessCommand(cmd, _settings.EffectiveMapping, DateTimeOffset.UtcNow)));
        Command<OrderQueries.GetOrderState>(_ => Sender.Tell(_state));
        Command<Wake>(_ => { });

        Command<DocumentPosted>(msg =>
        {
            if (msg.Attempt != _attempt) return; // an answer to an attempt we already gave up on
            Timers.Cancel("attempt");
            Apply(_state.ProcessOutcome(msg.Outcome, _settings.LockRetry, DateTimeOffset.UtcNow, Random.Shared.NextDouble()));
        });
        Command<DocumentLookedUp>(msg =>
        {
            if (msg.Attempt != _attempt) return;
            Timers.Cancel("attempt");
            Apply(_state.ProcessLookup(msg.Outcome, DateTimeOffset.UtcNow));
        });
        Command<Resume>(msg => Act(msg.Step));
        Command<Enqueued>(_ => { });
        Command<AttemptTimedOut>(msg =>
        {
            if (msg.Attempt != _attempt) return;
            _log.Warning("Order {0}: no answer to attempt {1} within {2}; looking the document up", _state.OrderId, msg.Attempt, _settings.AttemptTimeout);
            Act(NextStep.LookUpNow);
        });
        Command<EnqueueFailed>(msg =>
        {
            if (msg.Attempt != _attempt) return;
            _log.Warning("Order {0}: could not reach the gateway ({1}); trying again", _state.OrderId, msg.Cause.Message);
            Act(new NextStep.Wait(OrderDecisions.DefaultRetryDelay, NextStep.LookUpNow));
        });
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    private void Apply(OrderDecision decision)
    {
        var sender = Sender;
        if (decision.Events.IsEmpty)
        {
            if (decision.Reply is not null) sender.Tell(decision.Reply);
            Act(decision.Next);
            return;
        }
        var last = decision.Events[^1];
        PersistAll(decision.Events, evt =>
        {
            _state = _state.ProcessEvent(evt);
            if (!ReferenceEquals(evt, last)) return;
            if (decision.Reply is not null) sender.Tell(decision.Reply);
            Act(decision.Next);
        });
    }

    private void Act(NextStep step)
    {
        switch (step)
        {
            case NextStep.Post:
                Send(new PostDocument(_state.OrderId, ++_attempt, SapEntitySets.Orders, _state.Document!, Self));
                break;
            case NextStep.LookUp:
                Send(new LookUpDocument(_state.OrderId, ++_attempt, SapEntitySets.Orders, _state.Document!.NumAtCard, Self));
                break;
            case NextStep.Wait wait:
                Timers.StartSingleTimer("retry", new Resume(wait.Then), wait.Delay);
                break;
        }
        // Only settled orders may leave memory: an unfinished one holds timers and waits for answers.
        Context.SetReceiveTimeout(_state.HasUnfinishedWork ? null : _settings.PassivateAfter);
    }

    private void Send(object request)
    {
        var attempt = _attempt;
        Timers.StartSingleTimer("attempt", new AttemptTimedOut(attempt), _settings.AttemptTimeout);
        var enqueued = request is PostDocument post ? _gateway.EnqueueAsync(post) : _gateway.EnqueueAsync((LookUpDocument)request);
        // Completion is only a signal that the request is queued; the answer comes later as DocumentPosted/LookedUp.
        enqueued.PipeTo(Self, success: () => Enqueued.Instance, failure: ex => new EnqueueFailed(attempt, ex));
    }

    public static Props Props(string orderId, OrderFlowSettings settings, ServiceLayerGatewayQueue gateway) =>
        Akka.Actor.Props.Create(() => new OrderEntity(orderId, settings, gateway));
}
