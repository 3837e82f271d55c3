namespace ActorSync.Domain.Audit;

public static class AuditCommands
{
    public interface IAuditCommand;

    /// <summary>Record an action about to run; answered with its number once journaled (<see cref="AuditCommandResult"/>).</summary>
    public sealed record RecordAction(string Who, string? From, string Action, string? Target, string? Detail, DateTimeOffset At) : IAuditCommand;

    /// <summary>Record how action <paramref name="Number"/> ended; only once.</summary>
    public sealed record RecordOutcome(long Number, int Status, DateTimeOffset At) : IAuditCommand;
}

public enum AuditResultCode
{
    Accepted,
    /// <summary>Already recorded (an outcome reported twice), or older than what the trail still holds in memory.</summary>
    NoOp,
    /// <summary>The request is incomplete (no name, no action, a status that is not HTTP's).</summary>
    Invalid,
    NotFound,
}

/// <summary>The one reply to an audit command; <paramref name="Number"/> is the entry's (0 when none was made).</summary>
public sealed record AuditCommandResult(AuditResultCode Code, long Number, string Message)
{
    public bool IsError => Code is AuditResultCode.Invalid or AuditResultCode.NotFound;
}
