using ActorSync.Domain.Journal;
using static ActorSync.Domain.WarehouseFlow.WarehouseCommands;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Domain.WarehouseFlow;

/// <summary>The warehouse flow's journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class WarehouseJournal
{
    public static readonly JournalContract Contract = new("warehouse",
    [
        ("wms.movement-accepted.v1", typeof(MovementAccepted)),
        ("wms.batch-closed.v1", typeof(BatchClosed)),
        ("wms.movements-released.v1", typeof(MovementsReleased)),
        ("wms.job-completed.v1", typeof(WarehouseJobCompleted)),
        ("wms.job-deferred.v1", typeof(WarehouseJobDeferred)),
        ("wms.job-parked.v1", typeof(WarehouseJobParked)),
        ("wms.stock-picked.v1", typeof(WarehouseStockPicked)),
        ("wms.stock-pick-refused.v1", typeof(WarehouseStockPickRefused)),
        ("wms.job-released.v1", typeof(WarehouseJobReleased)),
        // On the wire between nodes.
        ("wms.accept-movement.v1", typeof(AcceptMovement)),
        ("wms.close-batch.v1", typeof(CloseBatch)),
        ("wms.retry-item.v1", typeof(RetryWarehouseItem)),
        ("wms.get-window.v1", typeof(WarehouseQueries.GetWarehouseWindow)),
        ("wms.window-state.v1", typeof(WarehouseWindowState)),
        ("wms.command-result.v1", typeof(WarehouseCommandResult)),
    ]);
}
