namespace ActorSync.Domain.Posting;

/// <summary>How a post to SAP ended, as an entity needs to know it (the gateway translates the client's answer).</summary>
public abstract record PostOutcome
{
    private PostOutcome() { }

    /// <summary>SAP created the document.</summary>
    public sealed record Created(int DocEntry, int DocNum) : PostOutcome;

    /// <summary>SAP carried out an action (Cancel, Close) that creates no document.</summary>
    public sealed record Applied : PostOutcome;

    /// <summary>SAP refused it. <see cref="Kind"/> decides between waiting (locks), retrying and quarantine.</summary>
    public sealed record Rejected(RejectionKind Kind, string Code, string Message) : PostOutcome;

    /// <summary>Sent, but nobody knows whether SAP committed it: look it up before posting again.</summary>
    public sealed record Uncertain(string Reason) : PostOutcome;

    /// <summary>Certainly not applied (circuit open, SAP down before processing, or SAP skipped it in a batch).</summary>
    public sealed record NotApplied(string Reason, TimeSpan? RetryAfter) : PostOutcome;
}

public enum RejectionKind { LockConflict, Transient, Validation, Duplicate }

/// <summary>What a look-up of the document by its key found.</summary>
public abstract record LookupOutcome
{
    private LookupOutcome() { }
    public sealed record Found(int DocEntry, int DocNum) : LookupOutcome;
    public sealed record Absent : LookupOutcome;
    public sealed record Failed(string Reason) : LookupOutcome;
}
