using System.Collections.Immutable;

namespace ActorSync.Domain.StockPublishing;

/// <summary>Items whose stock SAP just moved by a document the engine posted: the reader reads them now rather than at its next audit poll.</summary>
public sealed record SapStockHint(ImmutableList<string> ItemCodes);

/// <summary>SAP's latest quantities for a channel (from the reader); the publisher acknowledges with <see cref="StockOffered"/>.</summary>
public sealed record OfferStock(ImmutableList<StockTarget> Targets);

public sealed record StockOffered(int Count, int Owed);

/// <summary>Asks a publisher (or the reader) for its figures.</summary>
public sealed record GetStockPublishing
{
    public static readonly GetStockPublishing Instance = new();
}

/// <summary>An operator's retry of a refused SKU (record id <c>&lt;channel&gt;/&lt;location&gt;/&lt;sku&gt;</c>).</summary>
public sealed record RetryRefusedSku(string Location, string Sku);

public sealed record RetryRefusedSkuResult(bool Accepted, string Message);

/// <summary>
/// A publisher's figures: what coalescing saved (changes seen against items sent against calls made), what is owed,
/// the 429s it met and whether it is waiting (quota, outage).
/// </summary>
public sealed record ChannelPublishingView(
    string Channel,
    long ChangesOffered,
    long ChangesSeen,
    long Replaced,
    long AlreadyThere,
    long ItemsSent,
    long Calls,
    long CallsThisRun,
    long ItemsSentThisRun,
    long Owed,
    long RateLimited,
    long Failures,
    long Refused,
    int Told,
    string State,
    DateTimeOffset? WaitingUntil,
    string? LastProblem)
{
    /// <summary>SKUs at 0 never told to the location, not sent (channels sell part of the catalogue).</summary>
    public long NeverListedAtZero { get; init; }

    /// <summary>Calls refused for their items and split to find the SKU.</summary>
    public long RefusedCalls { get; init; }

    /// <summary>How long a SKU waited from SAP's change being seen to the channel taking it (this run, sampled).</summary>
    public double? LagP50Ms { get; init; }

    public double? LagP99Ms { get; init; }
}

/// <summary>The SAP reader's figures: sweeps, audit and order cursors, items read and hints taken.</summary>
public sealed record SapStockReaderView(
    long Sweeps,
    DateTimeOffset? LastSweepAt,
    bool Sweeping,
    long SweepItems,
    long? AuditTransNum,
    DateTime? OrdersFrom,
    long ItemsRead,
    long HintsTaken,
    bool AuditAvailable,
    string? LastProblem);
