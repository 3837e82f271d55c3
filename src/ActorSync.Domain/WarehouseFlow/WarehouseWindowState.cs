using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.WarehouseFlow;

/// <summary>Pending: journaled, waiting for its batch to close. Coalesced: in a document (or needing none). Rejected: kept out, reported.</summary>
public enum MovementStatus { Pending, Coalesced, Rejected }

/// <summary>One accepted movement of a window, as journaled, and where it stands.</summary>
public sealed record AcceptedMovement(
    string Key,
    string Fingerprint,
    WarehouseMovement Movement,
    MovementStatus Status = MovementStatus.Pending,
    int? Batch = null,
    ImmutableList<ExceptionDetails>? Problems = null,
    bool WasRejected = false);

/// <summary>
/// The journaled state of one source's window: every movement accepted into it, the batches coalesced so far and the
/// documents they owe SAP. A window normally closes once; movements arriving after that (late deliveries, released
/// rejections) open another batch with documents of their own, never touching the documents already posted.
/// </summary>
public sealed record WarehouseWindowState
{
    public static WarehouseWindowState Empty(string windowId) => new() { WindowId = windowId };

    public string WindowId { get; init; } = "";
    public ImmutableList<AcceptedMovement> Movements { get; init; } = [];
    /// <summary>When the pending batch closes; null when nothing is pending.</summary>
    public DateTimeOffset? CloseAt { get; init; }
    public int Batches { get; init; }
    /// <summary>The documents, in the order their batches made them.</summary>
    public ImmutableList<PostingJob> Jobs { get; init; } = [];
    public ImmutableList<WindowDocument> Documents { get; init; } = [];
    public ImmutableList<string> Notes { get; init; } = [];
    public string? LastProblem { get; init; }

    public bool IsEmpty => Movements.IsEmpty;

    public bool HasPending => Movements.Any(m => m.Status == MovementStatus.Pending);

    /// <summary>The next document to send; documents of different warehouses never wait for each other.</summary>
    public PostingJob? NextJob => Jobs.Next();

    /// <summary>The engine still owes this window something: a batch to close, or a document to send.</summary>
    public bool HasUnfinishedWork => HasPending || NextJob is not null;

    public AcceptedMovement? FindMovement(string key) => Movements.FirstOrDefault(m => m.Key == key);

    public WindowDocument? DocumentOf(string jobKey) => Documents.FirstOrDefault(d => d.JobKey == jobKey);

    /// <summary>Logs print the shape, not the movements.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"WindowId = {WindowId}, Movements = {Movements.Count} ({Movements.Count(m => m.Status == MovementStatus.Pending)} pending), ");
        builder.Append($"Batches = {Batches}, Jobs = {string.Join(", ", Jobs.Select(j => $"{j.Key}={j.Status}"))}");
        return true;
    }
}
