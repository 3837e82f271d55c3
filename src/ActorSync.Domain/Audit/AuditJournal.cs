using ActorSync.Domain.Journal;
using static ActorSync.Domain.Audit.AuditCommands;
using static ActorSync.Domain.Audit.AuditEvents;
using static ActorSync.Domain.Audit.AuditQueries;

namespace ActorSync.Domain.Audit;

/// <summary>The audit trail's journal format (area <c>audit</c>; rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class AuditJournal
{
    /// <summary>Typical entries, the most frequent last. Part of the format: never edited; a better one is added after it.</summary>
    private const string DictionaryV1 = """
        {"Entries":[{"Number":1,"At":"2026-","Who":"operator","From":"127.0.0.1","Action":"exception.retry","Target":"ex-","Detail":null,"Status":200,"CompletedAt":"2026-"}],"NextNumber":1}
        {"Number":1,"At":"2026-","Who":"local","From":"::1","Action":"order.submit","Target":"magento:","Detail":null}
        {"Number":1,"At":"2026-","Who":"operator","From":"10.","Action":"exception.ignore","Target":"ex-","Detail":""}
        {"Number":1,"At":"2026-","Who":"operator","From":"10.","Action":"exception.resolve","Target":"ex-","Detail":""}
        {"Number":1,"Status":200,"At":"2026-"}
        """;

    public static readonly JournalContract Contract = new("audit",
    [
        ("audit.acted.v1", typeof(OperatorActed)),
        ("audit.completed.v1", typeof(OperatorActionCompleted)),
        ("audit.snapshot.v1", typeof(AuditTrailSnapshot)),
        // On the wire between nodes (the trail is a cluster singleton).
        ("audit.record.v1", typeof(RecordAction)),
        ("audit.record-outcome.v1", typeof(RecordOutcome)),
        ("audit.result.v1", typeof(AuditCommandResult)),
        ("audit.list.v1", typeof(ListAudit)),
        ("audit.list-result.v1", typeof(AuditList)),
    ], dictionaries: [DictionaryV1]);
}
