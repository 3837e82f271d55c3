using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Warehouse;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;

namespace ActorSync.Domain.WarehouseFlow;

/// <summary>Everything addressed to one source's window carries its id (<c>wms@20300115T090000Z</c>, see <see cref="WarehouseWindows"/>).</summary>
public interface IWithWarehouseWindowId
{
    string WindowId { get; }
}

public static class WarehouseCommands
{
    /// <summary>
    /// A warehouse system reported a movement. Routed by the movement itself (its source and the window its
    /// <see cref="WarehouseMovement.OccurredAt"/> falls in), so it carries no window id. Idempotent per movement key.
    /// </summary>
    public sealed record AcceptMovement(WarehouseMovement Movement);

    /// <summary>The window's close timer fired: coalesce what is pending and post it.</summary>
    public sealed record CloseBatch(string WindowId) : IWithWarehouseWindowId;

    /// <summary>An operator asks a rejected movement or a parked document (<paramref name="ItemKey"/>) to try again, after a fix.</summary>
    public sealed record RetryWarehouseItem(string WindowId, string ItemKey) : IWithWarehouseWindowId;
}

public static class WarehouseQueries
{
    public sealed record GetWarehouseWindow(string WindowId) : IWithWarehouseWindowId;
}

public static class WarehouseEvents
{
    public interface IWarehouseEvent : IWithWarehouseWindowId, Journal.IJournaled;

    /// <summary>Events that can change whether the window still owes SAP some work (stamped by <see cref="WarehouseDecisions.StampProgress"/>).</summary>
    public abstract record WarehouseProgressEvent
    {
        public bool WorkPending { get; init; }
    }

    /// <summary>A movement is journaled and pending; its batch closes at <paramref name="CloseAt"/>.</summary>
    public sealed record MovementAccepted(string WindowId, WarehouseMovement Movement, string Fingerprint, DateTimeOffset CloseAt, DateTimeOffset At)
        : WarehouseProgressEvent, IWarehouseEvent;

    /// <summary>
    /// The pending movements were coalesced: <paramref name="Jobs"/> are the documents (bodies exactly as they will be
    /// sent), <paramref name="Documents"/> which movements each settles, <paramref name="Rejected"/> the movements kept out.
    /// </summary>
    public sealed record BatchClosed(string WindowId, int Batch, ImmutableList<string> Coalesced, ImmutableList<PostingJob> Jobs,
        ImmutableList<WindowDocument> Documents, ImmutableList<MovementRejection> Rejected, ImmutableList<string> Notes, DateTimeOffset At)
        : WarehouseProgressEvent, IWarehouseEvent;

    /// <summary>Rejected movements go back to pending (an operator fixed the cause), to be coalesced in the next batch.</summary>
    public sealed record MovementsReleased(string WindowId, ImmutableList<string> Keys, DateTimeOffset CloseAt, DateTimeOffset At) : WarehouseProgressEvent, IWarehouseEvent;

    public sealed record WarehouseJobCompleted(string WindowId, string Key, int? DocEntry, int? DocNum, bool FoundByLookup, DateTimeOffset At) : WarehouseProgressEvent, IWarehouseEvent;

    public sealed record WarehouseJobDeferred(string WindowId, string Key, string Reason, int LockAttempts, DateTimeOffset At) : IWarehouseEvent;

    public sealed record WarehouseJobParked(string WindowId, string Key, ExceptionDetails Exception, DateTimeOffset At) : WarehouseProgressEvent, IWarehouseEvent;

    /// <summary>The batches and serials the document <see cref="Key"/> takes out, chosen from SAP's stock just before posting.</summary>
    public sealed record WarehouseStockPicked(string WindowId, string Key, ImmutableList<LinePick> Picks, DateTimeOffset At) : IWarehouseEvent;

    /// <summary>SAP refused the picks (another document took them first); read and pick again.</summary>
    public sealed record WarehouseStockPickRefused(string WindowId, string Key, string Reason, DateTimeOffset At) : IWarehouseEvent;

    public sealed record WarehouseJobReleased(string WindowId, string Key, DateTimeOffset At) : WarehouseProgressEvent, IWarehouseEvent;
}

/// <summary>A movement the coalescer kept out of every document, with the reasons.</summary>
public sealed record MovementRejection(string MovementKey, ImmutableList<ExceptionDetails> Exceptions);

/// <summary>One coalesced document of the window: its job's key, the batch that made it and the movements it settles.</summary>
public sealed record WindowDocument(string JobKey, int Batch, ImmutableList<string> MovementKeys, bool WasParked = false);

/// <summary>The one reply to a warehouse command; <see cref="WindowId"/> says where the movement went.</summary>
public sealed record WarehouseCommandResult(string WindowId, string ItemKey, CommandResultCode Code, string Message)
{
    public bool IsError => Code is CommandResultCode.Rejected or CommandResultCode.NotFound;
}

/// <summary>
/// How movements are grouped into entities: one per source and window, the window aligned like the coalescer's
/// (UTC multiples of its length) on the movement's <see cref="WarehouseMovement.OccurredAt"/>. The same movement
/// therefore always reaches the same entity, which is what makes it idempotent.
/// </summary>
public static class WarehouseWindows
{
    private const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static DateTimeOffset Start(DateTimeOffset at, TimeSpan window) => WarehouseDocumentCoalescer.WindowStart(at, window);

    public static string IdFor(string source, DateTimeOffset windowStart) =>
        $"{source}@{windowStart.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}";

    public static string IdFor(WarehouseMovement movement, TimeSpan window) => IdFor(movement.Source, Start(movement.OccurredAt, window));

    public static (string Source, DateTimeOffset WindowStart) Parse(string windowId)
    {
        var at = windowId.LastIndexOf('@');
        if (at <= 0 || !DateTime.TryParseExact(windowId[(at + 1)..], Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
            throw new FormatException($"Warehouse window id '{windowId}' is not of the form <source>@yyyyMMddTHHmmssZ.");
        return (windowId[..at], new DateTimeOffset(start, TimeSpan.Zero));
    }

    /// <summary>The exception queue's record id for an item of a window: <c>wms@20300115T090000Z/wms:ASN-1:Receipt</c>.</summary>
    public static string RecordId(string windowId, string itemKey) => $"{windowId}/{itemKey}";

    public static (string WindowId, string ItemKey) ParseRecordId(string recordId)
    {
        var slash = recordId.IndexOf('/');
        if (slash <= 0 || slash == recordId.Length - 1)
            throw new FormatException($"Warehouse record id '{recordId}' is not of the form <window id>/<movement or document key>.");
        return (recordId[..slash], recordId[(slash + 1)..]);
    }
}

/// <summary>A stable digest of a movement's content, to tell a duplicate delivery from a changed one.</summary>
public static class MovementFingerprint
{
    public static string Of(WarehouseMovement m)
    {
        var text = new StringBuilder()
            .Append(m.Source).Append('|').Append(m.MovementId).Append('|').Append(m.Kind).Append('|').Append(m.OccurredAt.UtcTicks).Append('|')
            .Append(m.Location).Append('|').Append(m.ToLocation).Append('|').Append(m.Reference).Append('|').Append(m.ReasonCode);
        foreach (var line in m.Lines)
            text.Append("|L:").Append(line.Sku).Append(':').Append(Num(line.Quantity)).Append(':').Append(line.BatchNumber).Append(':')
                .Append(string.Join(',', line.SerialNumbers ?? [])).Append(':').Append(line.UnitCost is { } cost ? Num(cost) : "").Append(':')
                .Append(line.Location).Append(':').Append(line.BatchExpiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    private static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
