using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Connectors.Sitoo;

/// <summary>
/// The Sitoo connector's own journal format: its polls' cursors (area <c>sitoo</c>, rules as for
/// <see cref="Orders.OrderJournal"/>). Its inbox entries use the generic inbox types of <see cref="ConnectorJournal"/>.
/// </summary>
public static class SitooJournal
{
    /// <summary>The compression dictionary of the first format (most frequent last). Part of the format: never edited.</summary>
    private const string DictionaryV1 = """
        {"Settled":[],"Expired":[],"At":"2026-"}
        {"From":1,"At":"2026-"}
        {"From":,"Filed":,"Skipped":,"Watch":[],"At":"2026-"}
        {"From":,"Filed":,"Watch":[],"At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("sitoo",
    [
        ("sitoo.poll-started.v1", typeof(SitooPollEvents.PollStarted)),
        ("sitoo.page-filed.v1", typeof(SitooPollEvents.PageFiled)),
        ("sitoo.watch-settled.v1", typeof(SitooPollEvents.WatchSettled)),
    ], dictionaries: [DictionaryV1]);
}
