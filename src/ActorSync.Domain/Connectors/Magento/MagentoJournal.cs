using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Connectors.Magento;

/// <summary>
/// The Magento connector's own journal format: its poll's cursors (rules as for <see cref="Orders.OrderJournal"/>). Its
/// inbox is the generic one (<see cref="ConnectorJournal"/>).
/// </summary>
public static class MagentoJournal
{
    /// <summary>The compression dictionary of the first format (never edited; a better one is added after it).</summary>
    private const string DictionaryV1 = """
        {"Feed":"CreditMemos","From":"2026-","At":"2026-"}
        {"Feed":"Shipments","From":"2026-","SeenAtFrom":[],"Stage":"SameSecond","Filed":1,"At":"2026-"}
        {"Feed":"Orders","From":"2026-","SeenAtFrom":[],"Stage":"After","Filed":1,"At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("magento",
    [
        ("magento.poll-started.v1", typeof(MagentoPollEvents.PollStarted)),
        ("magento.cursor-advanced.v1", typeof(MagentoPollEvents.CursorAdvanced)),
    ], dictionaries: [DictionaryV1]);
}
