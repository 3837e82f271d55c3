using System.Text.RegularExpressions;

namespace ActorSync.Engine.ExceptionQueue;

/// <summary>How the exception queue behaves. Defaults suit production; tests shorten the timings.</summary>
public sealed partial class ExceptionQueueSettings
{
    /// <summary>The queue's name; its journal is <c>exception-queue-&lt;name&gt;</c>. Lower-kebab.</summary>
    public string Name { get; set; } = "main";

    /// <summary>Snapshot every N events, so recovery replays at most N-1 events after the latest snapshot.</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How long the queue waits for a record's owner to take a retry request before calling it failed.</summary>
    public TimeSpan RetryAnswerTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an exception may stay retrying with no success or new failure reported before it goes back to open
    /// (a lost report, or a queue restart between the request and the owner's answer).
    /// </summary>
    public TimeSpan RetryOutcomeTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Closed exceptions (and successes) older than this are forgotten, to bound the queue's state.</summary>
    public TimeSpan ClosedRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often stale retries are reopened and old closed exceptions purged.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        if (!KebabName().IsMatch(Name)) throw new ArgumentException($"ExceptionQueue:Name must be lower-kebab, like 'main' (was '{Name}').");
        if (SnapshotEvery < 1) throw new ArgumentException($"ExceptionQueue:SnapshotEvery must be at least 1 (was {SnapshotEvery}).");
        if (RetryAnswerTimeout <= TimeSpan.Zero) throw new ArgumentException($"ExceptionQueue:RetryAnswerTimeout must be positive (was {RetryAnswerTimeout}).");
        if (RetryOutcomeTimeout <= RetryAnswerTimeout)
            throw new ArgumentException($"ExceptionQueue:RetryOutcomeTimeout must be longer than RetryAnswerTimeout (was {RetryOutcomeTimeout}).");
        if (ClosedRetention <= TimeSpan.Zero) throw new ArgumentException($"ExceptionQueue:ClosedRetention must be positive (was {ClosedRetention}).");
        if (MaintenanceInterval <= TimeSpan.Zero) throw new ArgumentException($"ExceptionQueue:MaintenanceInterval must be positive (was {MaintenanceInterval}).");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabName();
}
