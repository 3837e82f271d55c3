using ActorSync.Domain.Journal;
using ActorSync.Engine.Alerts;
using ActorSync.Engine.Orders;
using ActorSync.Engine.Persistence;
using ActorSync.Engine.Pos;
using ActorSync.Engine.Posting;
using ActorSync.Engine.Warehouse;

namespace ActorSync.Engine.Journal;

/// <summary>
/// The engine's own messages that cross nodes: the unfinished-entities indexes (cluster singletons) wake entities on
/// whichever node holds their shard, and answer through their proxies; the alert watch (a singleton) answers what is firing; and the one engine event that is journaled,
/// the journal probe's (<see cref="JournalProbeWritten"/>, one row per node, read back only by the probe itself).
/// </summary>
public static class EngineWire
{
    public static readonly JournalContract Contract = new("engine",
    [
        ("engine.wake-order.v1", typeof(OrderEntity.Wake)),
        ("engine.wake-pos.v1", typeof(PosTransactionEntity.Wake)),
        ("engine.wake-warehouse.v1", typeof(WarehouseMovementsEntity.Wake)),
        ("engine.get-unfinished.v1", typeof(UnfinishedEntitiesIndex.GetUnfinished)),
        ("engine.unfinished.v1", typeof(UnfinishedEntitiesIndex.Unfinished)),
        ("engine.journal-probe-written.v1", typeof(JournalProbeWritten)),
        ("engine.get-alerts.v1", typeof(AlertWatch.GetAlerts)),
        ("engine.alerts.v1", typeof(AlertWatch.FiringAlerts)),
    ]);
}
