using ActorSync.Domain.Documents;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;

namespace ActorSync.Engine.Pos;

/// <summary>How POS transaction entities behave. Bound from configuration section "Pos"; the mapping is the orders' one.</summary>
public sealed class PosFlowSettings
{
    public const string SectionName = "Pos";

    /// <summary>Shards for the POS transaction entities. Never change it for the life of a cluster's data.</summary>
    public int ShardCount { get; set; } = 50;

    public int LockRetryMaxAttempts { get; set; } = LockRetryPolicy.Default.MaxAttempts;
    public TimeSpan LockRetryBaseDelay { get; set; } = LockRetryPolicy.Default.BaseDelay;
    public TimeSpan LockRetryMaxDelay { get; set; } = LockRetryPolicy.Default.MaxDelay;
    public TimeSpan LockRetryMaxElapsed { get; set; } = LockRetryPolicy.Default.MaxElapsed;

    /// <summary>How long an entity waits for the gateway's answer before treating the attempt as uncertain and looking up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(6);

    /// <summary>A settled transaction (posted or parked) leaves memory after this much quiet.</summary>
    public TimeSpan PassivateAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the unfinished-transactions index pokes the transactions that still owe SAP a post.</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Post a return's refund as an outgoing payment (VendorPayments, DocType rCustomer) settling its credit note. Off:
    /// only the credit note posts and finance settles the refund by hand.
    /// </summary>
    public bool PostRefundPayments { get; set; } = true;

    /// <summary>How long a return waits for its sale's invoice to reach SAP before its credit note posts without a base.</summary>
    public TimeSpan OriginalInvoiceWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a waiting return asks its sale again.</summary>
    public TimeSpan OriginalInvoicePoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a return waits for its sale's entity to answer before asking again.</summary>
    public TimeSpan OriginalAskTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public LockRetryPolicy LockRetry => new(LockRetryMaxAttempts, LockRetryBaseDelay, LockRetryMaxDelay, LockRetryMaxElapsed);

    public PosRules Rules(OrderMapping mapping) => new(mapping, LockRetry, PostRefundPayments, OriginalInvoiceWait, OriginalInvoicePoll);

    public void Validate()
    {
        if (ShardCount < 1) throw new ArgumentException($"Pos:ShardCount must be at least 1 (was {ShardCount}).");
        if (LockRetryMaxAttempts < 1) throw new ArgumentException($"Pos:LockRetryMaxAttempts must be at least 1 (was {LockRetryMaxAttempts}).");
        if (LockRetryBaseDelay <= TimeSpan.Zero) throw new ArgumentException($"Pos:LockRetryBaseDelay must be positive (was {LockRetryBaseDelay}).");
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentException($"Pos:AttemptTimeout must be positive (was {AttemptTimeout}).");
        if (PassivateAfter <= TimeSpan.Zero) throw new ArgumentException($"Pos:PassivateAfter must be positive (was {PassivateAfter}).");
        if (WakeInterval <= TimeSpan.Zero) throw new ArgumentException($"Pos:WakeInterval must be positive (was {WakeInterval}).");
        if (OriginalInvoiceWait < TimeSpan.Zero) throw new ArgumentException($"Pos:OriginalInvoiceWait must not be negative (was {OriginalInvoiceWait}).");
        if (OriginalInvoicePoll <= TimeSpan.Zero) throw new ArgumentException($"Pos:OriginalInvoicePoll must be positive (was {OriginalInvoicePoll}).");
        if (OriginalAskTimeout <= TimeSpan.Zero) throw new ArgumentException($"Pos:OriginalAskTimeout must be positive (was {OriginalAskTimeout}).");
    }
}
