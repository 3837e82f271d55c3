using ActorSync.Domain.Stock;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using static ActorSync.Domain.Stock.StockCommands;

namespace ActorSync.Engine.Stock;

/// <summary>
/// One SKU in one warehouse: SAP's figures, a version and what each channel location was last told.
/// It signals <see cref="StockAvailabilityChanged"/> on the event stream only when the sellable quantity really moves,
/// so publishers never send channels a change that is not one.
/// </summary>
public sealed class StockPositionEntity : ReceivePersistentActor
{
    public const string PersistencePrefix = "stock-";
    private const int SnapshotEvery = 100;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private StockPositionState _state;

    public override string PersistenceId { get; }

    public StockPositionEntity(string stockId, TimeSpan passivateAfter)
    {
        PersistenceId = PersistencePrefix + stockId;
        _state = new StockPositionState { StockId = stockId };

        Recover<SnapshotOffer>(offer => { if (offer.Snapshot is StockPositionSnapshot s) _state = s.ToState(); });
        Recover<StockEvents.IStockEvent>(evt => _state = _state.ProcessEvent(evt));

        Command<ApplySapLevels>(cmd =>
        {
            var (events, reply) = _state.ProcessCommand(cmd);
            var sender = Sender;
            if (events.IsEmpty) { sender.Tell(reply); return; }
            PersistAll(events, evt =>
            {
                _state = _state.ProcessEvent(evt);
                sender.Tell(reply);
                if (reply.AvailableChanged)
                    Context.System.EventStream.Publish(new StockAvailabilityChanged(_state.StockId, _state.Available, _state.Version));
                if (LastSequenceNr % SnapshotEvery == 0) SaveSnapshot(StockPositionSnapshot.Of(_state));
            });
        });
        Command<RecordPublished>(cmd =>
        {
            var sender = Sender;
            var events = _state.ProcessCommand(cmd);
            if (events.IsEmpty) { sender.Tell(_state); return; }
            PersistAll(events, evt => { _state = _state.ProcessEvent(evt); sender.Tell(_state); });
        });
        Command<StockQueries.GetStockPosition>(_ => Sender.Tell(_state));
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => _log.Warning("Stock {0}: snapshot failed: {1}", _state.StockId, f.Cause.Message));

        Context.SetReceiveTimeout(passivateAfter);
    }

    public static Props Props(string stockId, TimeSpan passivateAfter) =>
        Akka.Actor.Props.Create(() => new StockPositionEntity(stockId, passivateAfter));
}

/// <summary>Routes every <see cref="IWithStockId"/> message to its position's shard.</summary>
public sealed class StockMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    public override string? EntityId(object message) => message is IWithStockId withId ? withId.StockId : null;
}
