using ActorSync.Domain.Journal;
using static ActorSync.Domain.PosFlow.PosCommands;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Domain.PosFlow;

/// <summary>The POS flow's journal format (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class PosJournal
{
    public static readonly JournalContract Contract = new("pos",
    [
        ("pos.received.v1", typeof(PosTransactionReceived)),
        ("pos.original-awaited.v1", typeof(PosOriginalAwaited)),
        ("pos.planned.v1", typeof(PosTransactionPlanned)),
        ("pos.quarantined.v1", typeof(PosTransactionQuarantined)),
        ("pos.quarantine-released.v1", typeof(PosQuarantineReleased)),
        ("pos.job-completed.v1", typeof(PosJobCompleted)),
        ("pos.job-deferred.v1", typeof(PosJobDeferred)),
        ("pos.job-parked.v1", typeof(PosJobParked)),
        ("pos.stock-picked.v1", typeof(PosStockPicked)),
        ("pos.stock-pick-refused.v1", typeof(PosStockPickRefused)),
        ("pos.job-released.v1", typeof(PosJobReleased)),
        // On the wire between nodes.
        ("pos.submit.v1", typeof(SubmitPosTransaction)),
        ("pos.retry.v1", typeof(RetryPosTransaction)),
        ("pos.get-state.v1", typeof(PosQueries.GetPosTransactionState)),
        ("pos.state.v1", typeof(PosTransactionState)),
        ("pos.command-result.v1", typeof(PosCommandResult)),
    ]);
}
