using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Stock;

/// <summary>The stock positions' journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class StockJournal
{
    /// <summary>
    /// The compression dictionary of the first format: typical entries, the most frequent last (deflate reaches back
    /// least far for what is nearest). Part of the format: never edited; a better one is added after it.
    /// </summary>
    private const string DictionaryV1 = """
        {"StockId":"01:ITM0","InStock":,"Committed":,"Ordered":,"Version":1,"ObservedAt":"2026-","Locations":["magento:default","sitoo:1"],"Quantities":[]}
        {"StockId":"01:ITM0","Location":"magento:default","Quantity":}
        {"StockId":"01:ITM0","InStock":,"Committed":,"Ordered":,"Version":1,"ObservedAt":"2026-12-01T00:00:00.0000000+00:00"}
        """;

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
    ], dictionaries: [DictionaryV1]);
}
