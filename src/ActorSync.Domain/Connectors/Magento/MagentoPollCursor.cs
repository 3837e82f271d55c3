using System.Collections.Immutable;
using ActorSync.Domain.Journal;

namespace ActorSync.Domain.Connectors.Magento;

/// <summary>What the Magento poll reads, each by its own <c>updated_at</c> cursor: orders, credit memos, shipments.</summary>
public enum MagentoFeed { Orders, CreditMemos, Shipments }

/// <summary>
/// Which read a feed's cursor asks for next. <see cref="AtOrAfter"/>: <c>updated_at gteq From</c>, the usual one.
/// <see cref="SameSecond"/>: more records share <c>From</c>'s second than a page holds, so the rest of them are read by
/// <c>updated_at eq From</c> and <c>entity_id nin</c> those seen (never by page number: see <see cref="MagentoPollDecisions"/>).
/// <see cref="After"/>: that second is read to its end; <c>updated_at gt From</c> reads on.
/// </summary>
public enum PollStage { AtOrAfter, SameSecond, After }

/// <summary>The Magento poll's journal: where each feed has read up to (channels.md §1.2).</summary>
public static class MagentoPollEvents
{
    public interface IMagentoPollEvent : IJournaled
    {
        MagentoFeed Feed { get; }
        DateTimeOffset At { get; }
    }

    /// <summary>The first poll of a feed: it reads back from <paramref name="From"/> (now less the configured look-back).</summary>
    public sealed record PollStarted(MagentoFeed Feed, DateTimeOffset From, DateTimeOffset At) : IMagentoPollEvent;

    /// <summary>
    /// A page was read and every new record on it filed in the inbox. The cursor is now at <paramref name="From"/> (an
    /// <c>updated_at</c>, whole seconds, UTC); <paramref name="SeenAtFrom"/> are the records this page filed with exactly
    /// that <c>updated_at</c> (added to those already seen when <paramref name="From"/> did not move, else replacing
    /// them); the next read is <paramref name="Stage"/>.
    /// </summary>
    public sealed record CursorAdvanced(MagentoFeed Feed, DateTimeOffset From, ImmutableList<long> SeenAtFrom, PollStage Stage, int Filed, DateTimeOffset At) : IMagentoPollEvent;
}

/// <summary>A row of a search answer: all the poll needs of it.</summary>
public sealed record PolledRow(long EntityId, DateTimeOffset UpdatedAt);

/// <summary>
/// The next read, always <c>currentPage</c> 1 of <see cref="PageSize"/>: by <see cref="Stage"/>, <c>updated_at gteq From</c>
/// (sorted <c>updated_at ASC, entity_id ASC</c>), <c>updated_at eq From</c> and <c>entity_id nin Seen</c> (sorted
/// <c>entity_id ASC</c>), or <c>updated_at gt From</c> (sorted as the first).
/// </summary>
public sealed record PollRequest(MagentoFeed Feed, DateTimeOffset From, PollStage Stage, ImmutableSortedSet<long> Seen, int PageSize)
{
    /// <summary>Whether a row answers this request's filter (a store answering others is not believed).</summary>
    public bool Admits(PolledRow row) => Stage switch
    {
        PollStage.AtOrAfter => row.UpdatedAt >= From,
        PollStage.SameSecond => row.UpdatedAt == From && !Seen.Contains(row.EntityId),
        _ => row.UpdatedAt > From,
    };
}

/// <summary>What a page comes to: the records to file in the inbox, the cursor event to journal after they are (null: none), and whether to read on.</summary>
public sealed record PollPageDecision(ImmutableList<PolledRow> ToFile, MagentoPollEvents.CursorAdvanced? Advance, bool More);

/// <summary>One feed's cursor: null <see cref="From"/> until its first poll started.</summary>
public sealed record FeedCursor
{
    public DateTimeOffset? From { get; init; }

    /// <summary>Records already filed whose <c>updated_at</c> is exactly <see cref="From"/> (sorted, so the state reads the same every time).</summary>
    public ImmutableSortedSet<long> SeenAtFrom { get; init; } = ImmutableSortedSet<long>.Empty;

    public PollStage Stage { get; init; }

    public long Filed { get; init; }

    public DateTimeOffset? LastAdvancedAt { get; init; }
}

/// <summary>The cursors of one store's poll (persistence id <c>magento-poll-&lt;storecode&gt;</c>). Immutable; rebuilt from events.</summary>
public sealed record MagentoPollState
{
    public static readonly MagentoPollState Empty = new();

    public FeedCursor Orders { get; init; } = new();
    public FeedCursor CreditMemos { get; init; } = new();
    public FeedCursor Shipments { get; init; } = new();

    public FeedCursor Of(MagentoFeed feed) => feed switch
    {
        MagentoFeed.Orders => Orders,
        MagentoFeed.CreditMemos => CreditMemos,
        _ => Shipments,
    };

    public MagentoPollState ProcessEvent(MagentoPollEvents.IMagentoPollEvent evt)
    {
        var cursor = Of(evt.Feed);
        var next = evt switch
        {
            MagentoPollEvents.PollStarted s when cursor.From is null => cursor with { From = s.From, Stage = PollStage.AtOrAfter },
            MagentoPollEvents.CursorAdvanced a => cursor with
            {
                SeenAtFrom = a.From == cursor.From ? cursor.SeenAtFrom.Union(a.SeenAtFrom) : ImmutableSortedSet.CreateRange(a.SeenAtFrom),
                From = a.From,
                Stage = a.Stage,
                Filed = cursor.Filed + a.Filed,
                LastAdvancedAt = a.At,
            },
            _ => cursor,
        };
        return evt.Feed switch
        {
            MagentoFeed.Orders => this with { Orders = next },
            MagentoFeed.CreditMemos => this with { CreditMemos = next },
            _ => this with { Shipments = next },
        };
    }
}

/// <summary>
/// The poll's rules (channels.md §1.2, §5.8). A feed reads <c>updated_at gteq From</c> (UTC), sorted by
/// <c>updated_at</c> then <c>entity_id</c> (the tie-breaker, magento/magento2#25001). After each page the cursor moves
/// to the latest <c>updated_at</c> on it and the next read is page 1 from there again. Paging on by
/// <c>currentPage</c> would skip a record whenever one read earlier is updated between two pages (it moves to the end
/// and the rest shift up a place), and that record would be lost behind the cursor; so the poll never asks for a page
/// past the first. Timestamps have whole seconds and the bound is inclusive, so the records of the cursor's own second
/// come back: those already filed are remembered by id (<see cref="FeedCursor.SeenAtFrom"/>) and not filed again (a
/// record updated twice within that second is indistinguishable; the inbox's key, id and <c>updated_at</c>, would
/// be the same anyway). When one second holds more records than a page, the rest of that second are read by
/// <c>entity_id nin</c> those seen (so a record of that second with a lower id, updated meanwhile, is not passed
/// over), then the poll goes on <c>updated_at gt</c> that second. Whether to read on is
/// <c>total_count</c>'s to say (<c>pageSize × currentPage &lt; total_count</c>), never an empty page: an older store
/// answers a page past the end with its last page again (magento/magento2#3787), which makes "until empty" loop
/// forever; a page of records already seen files nothing.
/// </summary>
public static class MagentoPollDecisions
{
    public static MagentoPollEvents.PollStarted? Start(this MagentoPollState state, MagentoFeed feed, DateTimeOffset now, TimeSpan lookBack) =>
        state.Of(feed).From is null ? new MagentoPollEvents.PollStarted(feed, WholeSecond(now - lookBack), now) : null;

    public static PollRequest NextRequest(this MagentoPollState state, MagentoFeed feed, int pageSize)
    {
        var cursor = state.Of(feed);
        var from = cursor.From ?? throw new InvalidOperationException($"The {feed} poll has not started.");
        return new PollRequest(feed, from, cursor.Stage, cursor.SeenAtFrom, pageSize);
    }

    /// <param name="totalCount">The answer's <c>total_count</c>: how many records match the request, on every page.</param>
    public static PollPageDecision AfterPage(this MagentoPollState state, PollRequest request, IReadOnlyList<PolledRow> rows, int totalCount, DateTimeOffset now)
    {
        var cursor = state.Of(request.Feed);
        var from = request.From;
        var more = request.PageSize < totalCount;
        var read = rows.Where(request.Admits).ToList();
        var fresh = read
            .Where(r => !(r.UpdatedAt == from && cursor.SeenAtFrom.Contains(r.EntityId)))
            .DistinctBy(r => r.EntityId)
            .ToImmutableList();
        var latest = read.Count == 0 ? from : read.Max(r => r.UpdatedAt);
        ImmutableList<long> SeenAt(DateTimeOffset at) => fresh.Where(r => r.UpdatedAt == at).Select(r => r.EntityId).Order().ToImmutableList();
        MagentoPollEvents.CursorAdvanced Advance(DateTimeOffset at, PollStage stage) => new(request.Feed, at, SeenAt(at), stage, fresh.Count, now);

        if (latest > from)
            return new PollPageDecision(fresh, Advance(latest, PollStage.AtOrAfter), more);

        return request.Stage switch
        {
            // A page all of the cursor's second: full, so the second is read on by entity_id; else that was all there is.
            PollStage.AtOrAfter when read.Count == 0 => new PollPageDecision([], null, false),
            PollStage.AtOrAfter => more
                ? new PollPageDecision(fresh, Advance(from, PollStage.SameSecond), true)
                : new PollPageDecision(fresh, fresh.IsEmpty ? null : Advance(from, PollStage.AtOrAfter), false),
            // The rest of the second, page by page by entity_id; when it is read to its end, past it.
            PollStage.SameSecond => new PollPageDecision(fresh, Advance(from, more ? PollStage.SameSecond : PollStage.After), true),
            // Nothing after the second yet: the next round reads from it again (a record may still arrive within it).
            _ => new PollPageDecision([], Advance(from, PollStage.AtOrAfter), false),
        };
    }

    /// <summary>Magento compares whole seconds; the look-back start is rounded down to one.</summary>
    public static DateTimeOffset WholeSecond(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
