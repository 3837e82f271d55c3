using ActorSync.Domain.Journal;

namespace ActorSync.Domain.StockPublishing;

/// <summary>
/// The stock publishing journal format (area <c>stock-publishing</c>, rules as for <see cref="Orders.OrderJournal"/>):
/// what each channel location was told, the SAP reader's cursors, and the messages that cross nodes to reach the
/// reader's and publishers' cluster singletons.
/// </summary>
public static class StockPublishingJournal
{
    /// <summary>The compression dictionary of the first format (most frequent last). Part of the format: never edited.</summary>
    private const string DictionaryV1 = """
        {"TransNum":,"Items":,"At":"2026-"}
        {"Through":"2026-","Items":,"At":"2026-"}
        {"Location":"","Sku":"","Quantity":,"Reason":"","At":"2026-"}
        {"Location":"1","Items":[{"Sku":"ITM0","Quantity":},{"Sku":"ITM0","Quantity":},{"Sku":"ITM0","Quantity":}],"At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("stock-publishing",
    [
        ("stockpub.told.v1", typeof(StockPublisherEvents.StockTold)),
        ("stockpub.refused.v1", typeof(StockPublisherEvents.StockRefused)),
        ("stockpub.refusal-cleared.v1", typeof(StockPublisherEvents.RefusalCleared)),
        ("stockpub.snapshot.v1", typeof(StockPublisherSnapshot)),
        ("stockpub.audit-read.v1", typeof(SapStockCursorEvents.AuditRead)),
        ("stockpub.orders-read.v1", typeof(SapStockCursorEvents.OrdersRead)),
        ("stockpub.sweep-completed.v1", typeof(SapStockCursorEvents.SweepCompleted)),
        // On the wire between nodes (the reader and the publishers are cluster singletons).
        ("stockpub.hint.v1", typeof(SapStockHint)),
        ("stockpub.offer.v1", typeof(OfferStock)),
        ("stockpub.offered.v1", typeof(StockOffered)),
        ("stockpub.get.v1", typeof(GetStockPublishing)),
        ("stockpub.retry-refused.v1", typeof(RetryRefusedSku)),
        ("stockpub.retry-refused-result.v1", typeof(RetryRefusedSkuResult)),
        ("stockpub.channel-view.v1", typeof(ChannelPublishingView)),
        ("stockpub.reader-view.v1", typeof(SapStockReaderView)),
    ], dictionaries: [DictionaryV1]);
}
