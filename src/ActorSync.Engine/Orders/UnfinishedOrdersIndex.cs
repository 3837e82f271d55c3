using ActorSync.Domain.Orders;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Engine.Orders;

/// <summary>
/// Knows which orders still owe SAP some work, from the <see cref="OrderEventTagger.ProgressTag"/> events, and wakes them:
/// once at start (after a crash nothing else would, since no new message may ever reach them), then on an interval,
/// which also revives orders whose shard moved to another node. A woken order that is already busy ignores the poke.
/// </summary>
public sealed class UnfinishedOrdersIndex : ReceiveActor, IWithTimers
{
    public sealed record GetUnfinishedOrders
    {
        public static readonly GetUnfinishedOrders Instance = new();
    }

    public sealed record UnfinishedOrders(IReadOnlyCollection<string> OrderIds, bool Loaded);

    private sealed record Progress(string OrderId, long SequenceNr, bool Unfinished);
    private sealed record Loaded(long Count, Offset LastOffset);
    private sealed record WakeAll
    {
        public static readonly WakeAll Instance = new();
    }

    private readonly IActorRef _orders;
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (long Seq, bool Unfinished)> _latest = new();
    private bool _loaded;
    private IMaterializer _materializer = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public UnfinishedOrdersIndex(IActorRef orders, TimeSpan interval)
    {
        _orders = orders;
        _interval = interval;

        Receive<Progress>(p =>
        {
            if (_latest.TryGetValue(p.OrderId, out var seen) && seen.Seq >= p.SequenceNr) return;
            _latest[p.OrderId] = (p.SequenceNr, p.Unfinished);
        });
        Receive<Loaded>(l =>
        {
            _loaded = true;
            var unfinished = Unfinished().ToList();
            _log.Info("Unfinished-orders index loaded {0} progress events; waking {1} unfinished orders", l.Count, unfinished.Count);
            Wake(unfinished);
            Timers.StartPeriodicTimer("wake", WakeAll.Instance, _interval);
            FollowLiveEvents(l.LastOffset);
        });
        Receive<WakeAll>(_ => Wake(Unfinished().ToList()));
        Receive<GetUnfinishedOrders>(_ => Sender.Tell(new UnfinishedOrders(Unfinished().ToList(), _loaded)));
        Receive<Status.Failure>(f => throw new InvalidOperationException("The unfinished-orders index query failed.", f.Cause));
    }

    private IEnumerable<string> Unfinished() => _latest.Where(kv => kv.Value.Unfinished).Select(kv => kv.Key);

    private void Wake(IReadOnlyCollection<string> orderIds)
    {
        // Paced so that a restart with many unfinished orders does not recover them all in the same instant.
        Source.From(orderIds)
            .Throttle(500, TimeSpan.FromSeconds(1), 500, ThrottleMode.Shaping)
            .RunForeach(id => _orders.Tell(new OrderEntity.Wake(id)), _materializer);
    }

    protected override void PreStart()
    {
        _materializer = Context.Materializer();
        var self = Self;
        // What is in the journal now decides whom to wake; the live stream then keeps the index current.
        Journal().CurrentEventsByTag(OrderEventTagger.ProgressTag, Offset.NoOffset())
            .RunAggregate((Count: 0L, Last: Offset.NoOffset()), (acc, envelope) =>
            {
                if (ToProgress(envelope) is { } progress) self.Tell(progress);
                return (acc.Count + 1, envelope.Offset);
            }, _materializer)
            .PipeTo(self, success: acc => new Loaded(acc.Count, acc.Last));
    }

    private void FollowLiveEvents(Offset from)
    {
        var self = Self;
        Journal().EventsByTag(OrderEventTagger.ProgressTag, from)
            .RunForeach(envelope => { if (ToProgress(envelope) is { } progress) self.Tell(progress); }, _materializer);
    }

    private SqlReadJournal Journal() => PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    private static Progress? ToProgress(EventEnvelope envelope)
    {
        if (!envelope.PersistenceId.StartsWith(OrderEntity.PersistencePrefix, StringComparison.Ordinal)) return null;
        var orderId = envelope.PersistenceId[OrderEntity.PersistencePrefix.Length..];
        return envelope.Event is OrderProgressEvent progress ? new Progress(orderId, envelope.SequenceNr, progress.WorkPending) : null;
    }

    public static Props Props(IActorRef orders, TimeSpan interval) => Akka.Actor.Props.Create(() => new UnfinishedOrdersIndex(orders, interval));
}
