using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.ExceptionQueue;

/// <summary>
/// Where an exception stands. Open and Retrying are on the open list; Resolved and Ignored leave it, and only an
/// operator (resolve, ignore) or the record's own success (auto-resolve) can move an exception there.
/// </summary>
public enum ExceptionStatus { Open, Retrying, Resolved, Ignored }

/// <summary>The record kinds the engine raises exceptions for; the kind picks who is asked to retry.</summary>
public static class RecordKinds
{
    public const string Order = "order";

    /// <summary>A POS transaction (<c>sitoo:90001</c>): its plan, or one of its documents, was parked.</summary>
    public const string Pos = "pos";

    /// <summary>A movement or a coalesced document of a warehouse window (<c>wms@20300115T090000Z/wms:ASN-1:Receipt</c>).</summary>
    public const string Warehouse = "warehouse";

    /// <summary>The integration user's access to SAP (record id: company/user).</summary>
    public const string SapLogin = "sap-login";

    /// <summary>A record a connector took into its inbox (record id: <c>&lt;source&gt;/&lt;entry key&gt;</c>, e.g. <c>bigcommerce-abc123/store/order/created:…</c>).</summary>
    public const string ChannelRecord = "channel-record";

    /// <summary>A SKU a channel location refused to take stock for (record id: <c>&lt;channel&gt;/&lt;location&gt;/&lt;sku&gt;</c>).</summary>
    public const string StockSku = "stock-sku";

    /// <summary>A product a channel refused to take from SAP's items (record id: <c>&lt;channel&gt;/&lt;sku&gt;</c>).</summary>
    public const string CatalogueSku = "catalogue-sku";
}

/// <summary>
/// One parked record: what failed (<see cref="Details"/>: type, owning team, reason, suggested action), which record
/// (<see cref="RecordKind"/> + <see cref="RecordId"/>, e.g. <c>order</c> / <c>magento:1001</c>), the payload as it
/// arrived, how often it failed and where it stands. Immutable; the queue replaces it on every event.
/// </summary>
public sealed record ExceptionRecord
{
    /// <summary>Readable and stable: <c>ex-1</c>, <c>ex-2</c>, … never reused, even after closed ones are purged.</summary>
    public string Id { get; init; } = "";
    /// <summary>The order in which the queue first saw it (the number in <see cref="Id"/>).</summary>
    public long Number { get; init; }
    public string RecordKind { get; init; } = "";
    public string RecordId { get; init; } = "";
    public ExceptionDetails Details { get; init; } = null!;
    /// <summary>The record as it arrived from its channel (JSON text), latest failure's copy.</summary>
    public string OriginalPayload { get; init; } = "";
    /// <summary>How many distinct failures of this record and type the queue has seen while the exception was open.</summary>
    public int Attempts { get; init; }
    public DateTimeOffset FirstSeen { get; init; }
    public DateTimeOffset LastSeen { get; init; }
    public ExceptionStatus Status { get; init; }
    /// <summary>How many times an operator asked the owner to retry; numbers each request so late answers can be told apart.</summary>
    public int RetryRequests { get; init; }
    public DateTimeOffset? LastRetryRequestedAt { get; init; }
    /// <summary>What the owner said to the last retry request, or why it went back to open.</summary>
    public string? LastRetryResult { get; init; }
    /// <summary>The resolution note, the reason it was ignored, or <see cref="ExceptionQueueDecisions.ResolvedByRetryNote"/>.</summary>
    public string? Note { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public string Type => Details.Type;
    public OwningTeam Team => Details.Team;
    public string Reason => Details.Reason;
    public string SuggestedAction => Details.SuggestedAction;

    /// <summary>On the open list: an operator still owes it a retry, a resolution or an ignore.</summary>
    public bool IsOpen => Status is ExceptionStatus.Open or ExceptionStatus.Retrying;

    /// <summary>Logs print the shape, not the payload.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Id = {Id}, Record = {RecordKind}/{RecordId}, Type = {Details?.Type}, Status = {Status}, Attempts = {Attempts}");
        return true;
    }
}

/// <summary>What an operator asks to see; every criterion left null matches everything.</summary>
public sealed record ExceptionFilter(
    ExceptionStatus? Status = null, OwningTeam? Team = null, string? Type = null, string? RecordKind = null)
{
    public static readonly ExceptionFilter All = new();

    public bool Matches(ExceptionRecord record) =>
        (Status is null || record.Status == Status)
        && (Team is null || record.Team == Team)
        && (string.IsNullOrEmpty(Type) || string.Equals(record.Type, Type, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(RecordKind) || string.Equals(record.RecordKind, RecordKind, StringComparison.OrdinalIgnoreCase));
}
