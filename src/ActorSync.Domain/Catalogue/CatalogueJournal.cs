using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Catalogue;

/// <summary>
/// The catalogue journal format (area <c>catalogue</c>, serializer 4115; rules as for <see cref="Orders.OrderJournal"/>):
/// what each channel was told and is owed, the items reader's cursor, and the messages that cross nodes to reach the
/// reader's and publishers' cluster singletons.
/// </summary>
public static class CatalogueJournal
{
    /// <summary>The compression dictionary of the first format (most frequent last). Part of the format: never edited.</summary>
    private const string DictionaryV1 = """
        {"From":"2026-","At":"2026-"}
        {"Through":"2026-","LastCode":"ITM0","Items":,"At":"2026-"}
        {"Product":{"Sku":"ITM0","Title":"Item ","Price":,"Enabled":false},"Reason":"","At":"2026-"}
        {"Products":[{"Sku":"ITM0","Title":"Item ","Price":,"Enabled":true},{"Sku":"ITM0","Title":"Item ","Price":,"Enabled":true}],"At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("catalogue",
    [
        ("catalogue.owed.v1", typeof(CataloguePublisherEvents.ProductsOwed)),
        ("catalogue.told.v1", typeof(CataloguePublisherEvents.ProductsTold)),
        ("catalogue.refused.v1", typeof(CataloguePublisherEvents.ProductRefused)),
        ("catalogue.refusal-cleared.v1", typeof(CataloguePublisherEvents.ProductRefusalCleared)),
        ("catalogue.snapshot.v1", typeof(CataloguePublisherSnapshot)),
        ("catalogue.full-read-started.v1", typeof(CatalogueReaderEvents.FullReadStarted)),
        ("catalogue.full-read-page.v1", typeof(CatalogueReaderEvents.FullReadPage)),
        ("catalogue.full-read-completed.v1", typeof(CatalogueReaderEvents.FullReadCompleted)),
        ("catalogue.changes-read.v1", typeof(CatalogueReaderEvents.ChangesRead)),
        // On the wire between nodes (the reader and the publishers are cluster singletons).
        ("catalogue.offer.v1", typeof(OfferProducts)),
        ("catalogue.offered.v1", typeof(ProductsOffered)),
        ("catalogue.get.v1", typeof(GetCatalogue)),
        ("catalogue.retry-refused.v1", typeof(RetryRefusedProduct)),
        ("catalogue.retry-refused-result.v1", typeof(RetryRefusedProductResult)),
        ("catalogue.channel-view.v1", typeof(CatalogueChannelView)),
        ("catalogue.reader-view.v1", typeof(CatalogueReaderView)),
    ], dictionaries: [DictionaryV1]);
}
