using ActorSync.Domain.Journal;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueQueries;

namespace ActorSync.Domain.ExceptionQueue;

/// <summary>The exception queue's journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class ExceptionQueueJournal
{
    /// <summary>
    /// The compression dictionary of the first format: typical entries, the most frequent last (deflate reaches back
    /// least far for what is nearest). Part of the format: never edited; a better one is added after it.
    /// </summary>
    private const string DictionaryV1 = """
        {"Exceptions":[{"Id":"EX-0000","Number":1,"RecordKind":"order","RecordId":"magento:","Details":{"Type":"","Team":"Operations","Reason":"","SuggestedAction":""},"OriginalPayload":"","Attempts":1,"FirstSeen":"2026-","LastSeen":"2026-","Status":"Open","RetryRequests":1,"LastRetryRequestedAt":"2026-","LastRetryResult":""}],"Successes":[{"Key":"order\u001Fmagento:","At":"2026-"}],"NextNumber":1}
        {"ExceptionId":"EX-0000","Note":"","At":"2026-"}
        {"ExceptionId":"EX-0000","RetryNumber":1,"Message":"Retrying ","At":"2026-"}
        {"RecordKind":"order","RecordId":"magento:","At":"2026-","ResolvedIds":["EX-0000"]}
        {"ExceptionId":"EX-0000","Details":{"Type":"","Team":"Operations","Reason":"","SuggestedAction":""},"OriginalPayload":"{\u0022order\u0022:{\u0022Channel\u0022:\u0022magento\u0022,\u0022ExternalId\u0022:\u0022\u0022,\u0022OrderDate\u0022:\u00222026-\u0022,\u0022Currency\u0022:\u0022EUR\u0022,\u0022Customer\u0022:{\u0022Email\u0022:\u0022\u0022,\u0022IsGuest\u0022:true},\u0022Lines\u0022:[{\u0022Sku\u0022:\u0022ITM0\u0022,\u0022Quantity\u0022:1,\u0022UnitPrice\u0022:,\u0022TaxAmount\u0022:,\u0022TaxRate\u0022:20}]},\u0022dispatches\u0022:[],\u0022refunds\u0022:[]}","At":"2026-"}
        {"ExceptionId":"EX-0000","Number":1,"RecordKind":"order","RecordId":"magento:","Details":{"Type":"unknown-sku","Team":"Merchandising","Reason":"","SuggestedAction":"Create the item in SAP or correct the SKU in the channel (SKU must equal the SAP ItemCode), then retry."},"OriginalPayload":"","At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("exceptions",
    [
        ("exq.raised.v1", typeof(ExceptionRaised)),
        ("exq.raised-again.v1", typeof(ExceptionRaisedAgain)),
        ("exq.retry-requested.v1", typeof(RetryRequested)),
        ("exq.retry-acknowledged.v1", typeof(RetryAcknowledged)),
        ("exq.retry-failed.v1", typeof(RetryFailed)),
        ("exq.resolved.v1", typeof(ExceptionResolved)),
        ("exq.ignored.v1", typeof(ExceptionIgnored)),
        ("exq.success-noted.v1", typeof(RecordSuccessNoted)),
        ("exq.purged.v1", typeof(ClosedExceptionsPurged)),
        ("exq.snapshot.v1", typeof(ExceptionQueueSnapshot)),
        // On the wire between nodes (the queue is a cluster singleton).
        ("exq.raise.v1", typeof(RaiseException)),
        ("exq.record-succeeded.v1", typeof(RecordSucceeded)),
        ("exq.retry.v1", typeof(RetryException)),
        ("exq.resolve.v1", typeof(ResolveException)),
        ("exq.ignore.v1", typeof(IgnoreException)),
        ("exq.report-retry-outcome.v1", typeof(ReportRetryOutcome)),
        ("exq.expire-stale-retries.v1", typeof(ExpireStaleRetries)),
        ("exq.purge-closed.v1", typeof(PurgeClosed)),
        ("exq.command-result.v1", typeof(ExceptionCommandResult)),
        ("exq.list.v1", typeof(ListExceptions)),
        ("exq.get.v1", typeof(GetException)),
        ("exq.list-result.v1", typeof(ExceptionList)),
        ("exq.lookup-result.v1", typeof(ExceptionLookup)),
    ], dictionaries: [DictionaryV1]);
}
