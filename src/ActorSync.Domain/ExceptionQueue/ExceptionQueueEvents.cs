using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.ExceptionQueue;

public static class ExceptionQueueEvents
{
    public interface IExceptionQueueEvent : Journal.IJournaled;

    public sealed record ExceptionRaised(string ExceptionId, long Number, string RecordKind, string RecordId,
        ExceptionDetails Details, string OriginalPayload, DateTimeOffset At) : IExceptionQueueEvent;

    /// <summary>The same record failed the same way again while its exception was open.</summary>
    public sealed record ExceptionRaisedAgain(string ExceptionId, ExceptionDetails Details, string OriginalPayload, DateTimeOffset At) : IExceptionQueueEvent;

    public sealed record RetryRequested(string ExceptionId, int RetryNumber, DateTimeOffset At) : IExceptionQueueEvent;

    /// <summary>The owner took the retry request; the exception stays retrying until the record succeeds or fails again.</summary>
    public sealed record RetryAcknowledged(string ExceptionId, int RetryNumber, string Message, DateTimeOffset At) : IExceptionQueueEvent;

    /// <summary>The owner refused, did not answer, or reported no outcome in time: the exception is open again.</summary>
    public sealed record RetryFailed(string ExceptionId, int RetryNumber, string Reason, DateTimeOffset At) : IExceptionQueueEvent;

    public sealed record ExceptionResolved(string ExceptionId, string? Note, DateTimeOffset At) : IExceptionQueueEvent;

    public sealed record ExceptionIgnored(string ExceptionId, string Reason, DateTimeOffset At) : IExceptionQueueEvent;

    /// <summary>A record succeeded at <paramref name="At"/>; <paramref name="ResolvedIds"/> are the open exceptions it closed.</summary>
    public sealed record RecordSuccessNoted(string RecordKind, string RecordId, DateTimeOffset At, string[] ResolvedIds) : IExceptionQueueEvent;

    /// <summary>Exceptions closed before <paramref name="Before"/>, and successes older than it, were forgotten.</summary>
    public sealed record ClosedExceptionsPurged(DateTimeOffset Before, int Count) : IExceptionQueueEvent;
}
