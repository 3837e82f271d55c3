using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.ExceptionQueue;

public static class ExceptionQueueCommands
{
    public interface IExceptionQueueCommand;

    /// <summary>
    /// A record failed (from its entity or connector; fire-and-forget <c>Tell</c> to the queue's singleton proxy,
    /// no reply). Idempotent per (record, type) while open: a repeat bumps <c>Attempts</c> and <c>LastSeen</c>.
    /// <paramref name="At"/> is when the failure happened, which lets the queue drop late or duplicate deliveries.
    /// </summary>
    public sealed record RaiseException(string RecordKind, string RecordId, ExceptionDetails Details, string OriginalPayload, DateTimeOffset At)
        : IExceptionQueueCommand;

    /// <summary>
    /// A record went through (fire-and-forget, no reply). Resolves its open exceptions last seen no later than
    /// <paramref name="At"/> ("resolved by retry") and makes later-arriving failures from before <paramref name="At"/> stale.
    /// </summary>
    public sealed record RecordSucceeded(string RecordKind, string RecordId, DateTimeOffset At) : IExceptionQueueCommand;

    /// <summary>An operator fixed the cause and asks the record's owner to try again. Only open exceptions.</summary>
    public sealed record RetryException(string ExceptionId) : IExceptionQueueCommand;

    /// <summary>An operator settled it by other means; the note is optional.</summary>
    public sealed record ResolveException(string ExceptionId, string? Note) : IExceptionQueueCommand;

    /// <summary>An operator decides the record needs nothing more; the reason is mandatory.</summary>
    public sealed record IgnoreException(string ExceptionId, string? Reason) : IExceptionQueueCommand;

    /// <summary>What the record's owner answered to retry request number <paramref name="RetryNumber"/> (or why it did not).</summary>
    public sealed record ReportRetryOutcome(string ExceptionId, int RetryNumber, bool Accepted, string Message) : IExceptionQueueCommand;

    /// <summary>Retries with no outcome for longer than <paramref name="After"/> go back to open, so none stays retrying forever.</summary>
    public sealed record ExpireStaleRetries(TimeSpan After) : IExceptionQueueCommand;

    /// <summary>Forget exceptions closed before <paramref name="Before"/> (and successes older than it), to bound the queue's state.</summary>
    public sealed record PurgeClosed(DateTimeOffset Before) : IExceptionQueueCommand;
}

public enum ExceptionResultCode
{
    Accepted,
    /// <summary>Nothing to do: a duplicate or a late message.</summary>
    NoOp,
    /// <summary>The request itself is incomplete (e.g. ignore without a reason).</summary>
    Invalid,
    /// <summary>The exception is not in a state that allows it (e.g. retrying an exception that is not open).</summary>
    Conflict,
    NotFound,
}

/// <summary>The one reply to an operator command; <see cref="Exception"/> is the record after the command.</summary>
public sealed record ExceptionCommandResult(string ExceptionId, ExceptionResultCode Code, string Message, ExceptionRecord? Exception = null)
{
    public bool IsError => Code is ExceptionResultCode.Invalid or ExceptionResultCode.Conflict or ExceptionResultCode.NotFound;
}
