namespace ActorSync.Domain.Posting;

/// <summary>
/// What an unfinished record waits for right now, as its entity knows it: SAP's answer to a request in flight, the
/// next try after SAP did not take it (and why: the circuit is open, the record is locked), master data not loaded.
/// Never journaled: after a restart the entity finds out again, and until then it says it is recovering.
/// </summary>
public sealed record WaitingOn(string What, DateTimeOffset Since, DateTimeOffset? NextTryAt = null);

/// <summary>The words an entity uses for what it waits on, from the SAP answer it last had.</summary>
public static class WaitingReasons
{
    public static string Sent(WorkItem work) => $"SAP's answer to {Describe(work)} (queued for the gateway)";

    public static string LookingUp(WorkItem work) => $"a look-up of {work.LookUp.Value} in {work.LookUp.EntitySet}: the last answer was uncertain, so SAP is asked before anything is sent again";

    public static string ReadingStock() => "SAP's batch and serial stock, read just before posting";

    /// <summary>Why the next try waits, from the answer that made it wait.</summary>
    public static string After(PostOutcome outcome) => outcome switch
    {
        PostOutcome.NotApplied n => $"the next try: SAP did not take it ({n.Reason})",
        PostOutcome.Rejected { Kind: RejectionKind.LockConflict } r => $"the next try: the record is locked in SAP ({r.Code} {r.Message})",
        PostOutcome.Rejected r => $"the next try: SAP answered {r.Code} {r.Message}",
        PostOutcome.Uncertain u => $"the next try: the last answer was uncertain ({u.Reason})",
        _ => "the next try",
    };

    public static string After(LookupOutcome outcome) => outcome switch
    {
        LookupOutcome.Failed f => $"the next try: the look-up in SAP failed ({f.Reason})",
        _ => "the next try",
    };

    private static string Describe(WorkItem work) => $"{work.Path} {work.Key}";
}
