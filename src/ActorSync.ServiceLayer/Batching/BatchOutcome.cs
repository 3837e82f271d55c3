namespace ActorSync.ServiceLayer;

/// <summary>Result of one request part.</summary>
/// <param name="PartIndex">Index of the part in the request (0-based).</param>
/// <param name="Outcome">For a changeset: <see cref="WriteOutcome.Succeeded"/> (of its first operation) when every
/// operation succeeded, <see cref="WriteOutcome.Rejected"/> with SAP's error when it failed (nothing of it was applied),
/// <see cref="WriteOutcome.NotExecuted"/> when SAP stopped earlier. For a GET: its own outcome.</param>
/// <param name="Operations">One outcome per operation in request order; a failed changeset gives every operation the
/// same Rejected.</param>
public sealed record BatchPartResult(int PartIndex, WriteOutcome Outcome, IReadOnlyList<WriteOutcome> Operations);

/// <summary>What became of a <c>$batch</c>.</summary>
public abstract record BatchOutcome
{
    private BatchOutcome() { }

    /// <summary>SAP answered: one result per request part (changeset or GET), in request order.</summary>
    public sealed record Completed(IReadOnlyList<BatchPartResult> Parts) : BatchOutcome;

    /// <summary>The batch was sent and we do not know what SAP committed (timeout, dropped connection, 502, unreadable
    /// answer). Look the documents up before sending again.</summary>
    public sealed record Uncertain(string Reason) : BatchOutcome;

    /// <summary>Definitely nothing applied (circuit open, never sent, 503); worth sending again later.</summary>
    public sealed record NotApplied(string Reason, TimeSpan? RetryAfter) : BatchOutcome;
}
