using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Stock;

/// <summary>The stock positions' journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class StockJournal
{
    public static readonly JournalContract Contract = new("stock",
    [
        ("stock.levels-changed.v1", typeof(StockEvents.StockLevelsChanged)),
        ("stock.published.v1", typeof(StockEvents.StockPublished)),
        ("stock.snapshot.v1", typeof(StockPositionSnapshot)),
        // On the wire between nodes.
        ("stock.apply-levels.v1", typeof(StockCommands.ApplySapLevels)),
        ("stock.record-published.v1", typeof(StockCommands.RecordPublished)),
        ("stock.get-position.v1", typeof(StockQueries.GetStockPosition)),
        ("stock.update-result.v1", typeof(StockUpdateResult)),
        ("stock.availability-changed.v1", typeof(StockAvailabilityChanged)),
        ("stock.state.v1", typeof(StockPositionState)),
    ]);
}
