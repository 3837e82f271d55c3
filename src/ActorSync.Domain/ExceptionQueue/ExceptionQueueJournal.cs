using ActorSync.Domain.Journal;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueEvents;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueQueries;

namespace ActorSync.Domain.ExceptionQueue;

/// <summary>The exception queue's journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class ExceptionQueueJournal
{
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
    ]);
}
