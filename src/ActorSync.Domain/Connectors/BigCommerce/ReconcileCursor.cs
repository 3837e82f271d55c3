using System.Collections.Immutable;
using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Connectors.BigCommerce;

/// <summary>The reconciling poll's journal: where it has read up to (channels.md §2.4, <c>min_date_modified</c>).</summary>
public static class ReconcileEvents
{
    public interface IReconcileEvent : IJournaled
    {
        DateTimeOffset At { get; }
    }

    /// <summary>The first poll of a store: it reads back from <paramref name="ModifiedFrom"/> (now less the configured look-back).</summary>
    public sealed record ReconcileStarted(DateTimeOffset ModifiedFrom, DateTimeOffset At) : IReconcileEvent;

    /// <summary>A page was read and every order on it taken into the inbox; the next read starts at <paramref name="ModifiedFrom"/>, page <paramref name="Page"/>.</summary>
    public sealed record ReconcileCursorAdvanced(DateTimeOffset ModifiedFrom, int Page, int Enqueued, DateTimeOffset At) : IReconcileEvent;
}

/// <summary>An order row of <c>GET /v2/orders?min_date_modified=…</c>: all the poll needs of it.</summary>
public sealed record ModifiedOrder(string Id, DateTimeOffset Modified, int StatusId);

/// <summary>The next read: <c>min_date_modified</c> (inclusive), <c>page</c>, <c>limit</c>, sorted <c>date_modified:asc</c>.</summary>
public sealed record PageRequest(DateTimeOffset MinModified, int Page, int Limit);

/// <summary>What a page comes to: the orders to take into the inbox, the cursor event to journal after they are, and whether to read on.</summary>
public sealed record PageDecision(ImmutableList<ModifiedOrder> ToEnqueue, ReconcileEvents.ReconcileCursorAdvanced? Advance, bool More);

public sealed record ReconcileCursorState
{
    public static readonly ReconcileCursorState Empty = new();

    /// <summary>Null until the first poll started.</summary>
    public DateTimeOffset? ModifiedFrom { get; init; }

    public int Page { get; init; } = 1;

    public long Enqueued { get; init; }

    public DateTimeOffset? LastAdvancedAt { get; init; }

    public ReconcileCursorState ProcessEvent(ReconcileEvents.IReconcileEvent evt) => evt switch
    {
        ReconcileEvents.ReconcileStarted s when ModifiedFrom is null => this with { ModifiedFrom = s.ModifiedFrom, Page = 1 },
        ReconcileEvents.ReconcileCursorAdvanced a => this with
        {
            ModifiedFrom = a.ModifiedFrom, Page = a.Page, Enqueued = Enqueued + a.Enqueued, LastAdvancedAt = a.At,
        },
        _ => this,
    };
}

/// <summary>
/// The reconciling poll's rules. It reads orders by <c>date_modified</c> ascending from its cursor and takes each into
/// the same inbox the webhooks feed (so de-duplication and processing are shared). The cursor moves to the latest
/// <c>date_modified</c> read and the next read starts at page 1 from there: paging by page number alone would skip an
/// order whenever one read earlier is modified meanwhile (it moves to the end and the rest shift up). The bound is
/// inclusive, so the orders of the last second are read again, which the inbox's keys make duplicates; only a page
/// that is full of one second goes to the next page of that second. Incomplete orders (status 0) are not taken.
/// </summary>
public static class ReconcileDecisions
{
    public static ReconcileEvents.ReconcileStarted? Start(this ReconcileCursorState state, DateTimeOffset now, TimeSpan lookBack) =>
        state.ModifiedFrom is null ? new ReconcileEvents.ReconcileStarted(now - lookBack, now) : null;

    public static PageRequest NextRequest(this ReconcileCursorState state, int limit) =>
        new(state.ModifiedFrom ?? throw new InvalidOperationException("The poll has not started."), state.Page, limit);

    public static PageDecision AfterPage(this ReconcileCursorState state, PageRequest request, IReadOnlyList<ModifiedOrder> rows, DateTimeOffset now)
    {
        if (rows.Count == 0) return new PageDecision([], null, false);
        var full = rows.Count >= request.Limit;
        var latest = rows.Max(r => r.Modified);
        var (from, page) = latest > request.MinModified ? (latest, 1) : (request.MinModified, full ? request.Page + 1 : 1);
        var take = rows.Where(r => r.StatusId != 0).ToImmutableList();
        return new PageDecision(take, new ReconcileEvents.ReconcileCursorAdvanced(from, page, take.Count, now), full);
    }
}
