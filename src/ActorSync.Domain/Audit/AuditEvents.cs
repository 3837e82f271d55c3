namespace ActorSync.Domain.Audit;

public static class AuditEvents
{
    public interface IAuditEvent : Journal.IJournaled;

    /// <summary>An operator asked for an action; journaled before the action runs, so no action goes unrecorded.</summary>
    public sealed record OperatorActed(long Number, DateTimeOffset At, string Who, string? From, string Action, string? Target, string? Detail)
        : IAuditEvent;

    /// <summary>How action <paramref name="Number"/> ended: the HTTP status its caller got.</summary>
    public sealed record OperatorActionCompleted(long Number, int Status, DateTimeOffset At) : IAuditEvent;
}
