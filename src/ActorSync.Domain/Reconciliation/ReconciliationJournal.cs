using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Reconciliation;

/// <summary>
/// The reconciliation journal format (area <c>reconciliation</c>, serializer 4114; rules as for
/// <see cref="Orders.OrderJournal"/>): the runs of <c>reconciliation-runs</c>, and the messages that cross nodes to
/// reach the <c>reconciliation</c> singleton and come back.
/// </summary>
public static class ReconciliationJournal
{
    /// <summary>The compression dictionary of the first format (most frequent last). Part of the format: never edited.</summary>
    private const string DictionaryV1 = """
        {"RunId":"R-0000","Raised":[],"Cleared":[],"At":"2026-"}
        {"RunId":"R-0000","Flows":["Orders","Refunds","Dispatches","Pos","Stock"],"Since":"2026-","Cutoff":"2026-","RequestedBy":"schedule","Units":["magento/orders","magento/refunds","magento/dispatches","bigcommerce/orders","sitoo/pos","bigcommerce/stock"],"At":"2026-"}
        {"RunId":"R-0000","Result":{"Source":"magento","Flow":"Orders","Checked":true,"Compared":,"Findings":[{"Kind":"OrderMissingInSap","Key":"order-missing:magento:","Source":"magento","Subject":"magento:","Detail":"magento order  has no SAP sales order with NumAtCard MAGENTO-"}]},"At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("reconciliation",
    [
        ("recon.run-started.v1", typeof(ReconEvents.RunStarted)),
        ("recon.source-read.v1", typeof(ReconEvents.SourceRead)),
        ("recon.run-completed.v1", typeof(ReconEvents.RunCompleted)),
        // On the wire between nodes (the reconciliation is a cluster singleton).
        ("recon.start.v1", typeof(ReconCommands.StartRun)),
        ("recon.accepted.v1", typeof(ReconQueries.RunAccepted)),
        ("recon.get-runs.v1", typeof(ReconQueries.GetRuns)),
        ("recon.runs.v1", typeof(ReconQueries.RunList)),
        ("recon.get-run.v1", typeof(ReconQueries.GetRun)),
        ("recon.run.v1", typeof(ReconQueries.RunDetail)),
    ], dictionaries: [DictionaryV1]);
}
