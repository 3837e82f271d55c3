using ActorSync.Domain.Connectors.Magento;
using static ActorSync.Domain.Connectors.Magento.MagentoPollEvents;

namespace ActorSync.Domain.Tests.Connectors;

/// <summary>
/// The Magento poll's <c>updated_at</c> cursor: where it starts, how it moves, the tie-breaker and same-second records,
/// and a store that repeats its last page (channels.md §1.2).
/// </summary>
public class MagentoPollCursorSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 14, 3, TimeSpan.Zero);

    private static DateTimeOffset S(int seconds) => T0.AddSeconds(seconds);

    private static MagentoPollState Started(DateTimeOffset from, MagentoFeed feed = MagentoFeed.Orders) =>
        MagentoPollState.Empty.ProcessEvent(new PollStarted(feed, from, from));

    /// <summary>A store's records as Magento's search answers the poll's three reads (always page 1).</summary>
    private sealed class Store
    {
        public Dictionary<long, DateTimeOffset> Rows { get; } = [];

        public (List<PolledRow> Page, int Total) Search(PollRequest request)
        {
            var all = Rows.Select(r => new PolledRow(r.Key, r.Value)).Where(request.Admits).OrderBy(r => r.UpdatedAt).ThenBy(r => r.EntityId).ToList();
            return (all.Take(request.PageSize).ToList(), all.Count);
        }
    }

    /// <summary>One poll round as the actor runs it: read, file, journal, read on while the decision says so.</summary>
    private static (MagentoPollState State, List<PolledRow> Filed) Round(MagentoPollState state, Store store, int pageSize, Action<int>? betweenPages = null)
    {
        var filed = new List<PolledRow>();
        for (var pages = 1; ; pages++)
        {
            Assert.True(pages < 200, "the poll does not end");
            var request = state.NextRequest(MagentoFeed.Orders, pageSize);
            var (rows, total) = store.Search(request);
            var decision = state.AfterPage(request, rows, total, S(600));
            filed.AddRange(decision.ToFile);
            if (decision.Advance is { } advance) state = state.ProcessEvent(advance);
            betweenPages?.Invoke(pages);
            if (!decision.More) return (state, filed);
        }
    }

    [Fact]
    public void The_first_poll_reads_back_the_look_back_from_a_whole_second_and_a_later_start_keeps_the_journaled_cursor()
    {
        var now = T0.AddMilliseconds(750);
        var start = MagentoPollState.Empty.Start(MagentoFeed.CreditMemos, now, TimeSpan.FromHours(2));
        var state = MagentoPollState.Empty.ProcessEvent(start!);

        var request = state.NextRequest(MagentoFeed.CreditMemos, 100);
        Assert.Equal((T0.AddHours(-2), PollStage.AtOrAfter, 100), (request.From, request.Stage, request.PageSize));
        Assert.Null(state.Start(MagentoFeed.CreditMemos, now.AddDays(3), TimeSpan.FromHours(2)));
        Assert.NotNull(state.Start(MagentoFeed.Orders, now, TimeSpan.FromHours(2))); // each feed has its own cursor
        Assert.Throws<InvalidOperationException>(() => state.NextRequest(MagentoFeed.Shipments, 100));
    }

    [Fact]
    public void The_cursor_moves_to_the_latest_updated_at_read_remembers_the_records_of_that_second_and_reads_page_one_from_there()
    {
        var state = Started(T0);
        var request = state.NextRequest(MagentoFeed.Orders, 3);
        PolledRow[] rows = [new(7, S(1)), new(3, S(4)), new(9, S(4))];

        var decision = state.AfterPage(request, rows, totalCount: 5, S(60));
        var next = state.ProcessEvent(decision.Advance!);

        Assert.Equal(rows, decision.ToFile);
        Assert.True(decision.More);
        var nextRequest = next.NextRequest(MagentoFeed.Orders, 3);
        Assert.Equal((S(4), PollStage.AtOrAfter), (nextRequest.From, nextRequest.Stage));
        Assert.Equal([3L, 9L], next.Orders.SeenAtFrom);
        Assert.Equal(3, next.Orders.Filed);

        // The inclusive bound brings records 3 and 9 back; only what is new is filed.
        var again = next.AfterPage(next.NextRequest(MagentoFeed.Orders, 3), [new(3, S(4)), new(9, S(4)), new(12, S(4))], totalCount: 3, S(61));
        Assert.Equal([new PolledRow(12, S(4))], again.ToFile);
        Assert.False(again.More);
        Assert.Equal([3L, 9L, 12L], next.ProcessEvent(again.Advance!).Orders.SeenAtFrom);
    }

    [Fact]
    public void Records_of_one_second_fuller_than_a_page_are_read_on_by_entity_id_the_tie_breaker_each_filed_once()
    {
        var store = new Store();
        for (var id = 1; id <= 7; id++) store.Rows[id * 10] = S(5); // seven orders in the same second
        store.Rows[99] = S(6);
        store.Rows[5] = S(6);

        var (state, filed) = Round(Started(T0), store, pageSize: 3);

        Assert.Equal([10L, 20, 30, 40, 50, 60, 70, 5, 99], filed.Select(r => r.EntityId));
        Assert.Equal((S(6), PollStage.AtOrAfter), (state.Orders.From!.Value, state.Orders.Stage));
        // Another round reads from S(6) and finds nothing new.
        Assert.Empty(Round(state, store, pageSize: 3).Filed);
    }

    [Fact]
    public void A_record_of_a_crowded_second_updated_while_the_second_is_read_shifts_no_other_record_out_of_the_read()
    {
        var store = new Store();
        for (var id = 1; id <= 6; id++) store.Rows[id] = S(5);
        store.Rows[50] = S(9);

        // After the first page (1, 2, 3) record 2 is updated: by page number, page 2 would now start at record 5.
        var (_, filed) = Round(Started(T0), store, pageSize: 3, betweenPages: page => { if (page == 1) store.Rows[2] = S(8); });

        Assert.Equal([1L, 2, 3, 4, 5, 6, 2, 50], filed.Select(r => r.EntityId));
        Assert.Contains(new PolledRow(2, S(8)), filed);
    }

    [Fact]
    public void A_page_of_records_already_seen_as_an_older_store_repeats_its_last_page_files_nothing_and_ends_by_total_count()
    {
        var state = Started(T0).ProcessEvent(new CursorAdvanced(MagentoFeed.Orders, S(5), [10, 20], PollStage.AtOrAfter, 2, S(60)));
        var request = state.NextRequest(MagentoFeed.Orders, 2);

        var decision = state.AfterPage(request, [new(10, S(5)), new(20, S(5))], totalCount: 2, S(61));

        Assert.Empty(decision.ToFile);
        Assert.False(decision.More); // 2 × 1 ≥ 2: total_count says the end is reached, whatever the page held
        Assert.Null(decision.Advance); // nothing to journal: the cursor stands
    }

    [Theory]
    [InlineData(11)]
    [InlineData(3)]
    [InlineData(29)]
    [InlineData(101)]
    public void Orders_updated_several_times_and_while_the_poll_reads_are_each_filed_at_their_latest_version_and_never_twice(int seed)
    {
        var store = new Store();
        var random = new Random(seed);
        long next = 1;
        for (var i = 0; i < 60; i++) store.Rows[next++] = S(random.Next(0, 8)); // bursts of several orders a second
        var filed = new List<PolledRow>();
        var state = Started(T0);
        var clock = 10;
        for (var round = 0; round < 8; round++)
        {
            var (after, got) = Round(state, store, pageSize: 4, betweenPages: page =>
            {
                // Between reads the merchant updates orders (they move to the end) and new ones arrive, often in one second.
                store.Rows[random.Next(1, (int)next)] = S(clock);
                if (page % 2 == 0) store.Rows[next++] = S(clock);
                if (page % 7 == 0) clock++;
            });
            (state, clock) = (after, clock + 1);
            filed.AddRange(got);
        }

        filed.AddRange(Round(state, store, pageSize: 4).Filed);
        Assert.Equal(filed.Count, filed.Distinct().Count()); // no version filed twice
        Assert.All(store.Rows, r => Assert.Contains(new PolledRow(r.Key, r.Value), filed)); // every order's latest version filed
    }

    [Fact]
    public void Rows_outside_the_request_are_ignored_and_nothing_after_a_crowded_second_reads_that_second_again_next_round()
    {
        var state = Started(S(5)).ProcessEvent(new CursorAdvanced(MagentoFeed.Orders, S(5), [10, 20], PollStage.After, 2, S(60)));

        var below = state.AfterPage(new PollRequest(MagentoFeed.Orders, S(5), PollStage.AtOrAfter, [10, 20], 10), [new(1, S(2))], totalCount: 1, S(61));
        var empty = state.AfterPage(state.NextRequest(MagentoFeed.Orders, 2), [], totalCount: 0, S(61));

        Assert.Empty(below.ToFile);
        Assert.Null(below.Advance);
        Assert.Empty(empty.ToFile);
        Assert.False(empty.More);
        var after = state.ProcessEvent(empty.Advance!);
        Assert.Equal((S(5), PollStage.AtOrAfter), (after.Orders.From!.Value, after.Orders.Stage)); // the next round reads that second again
        Assert.Equal([10L, 20L], after.Orders.SeenAtFrom);
    }

    [Fact]
    public void Replaying_the_journal_gives_the_same_cursors_and_a_repeated_event_changes_nothing_it_should_not()
    {
        IMagentoPollEvent[] journal =
        [
            new PollStarted(MagentoFeed.Orders, T0, T0),
            new PollStarted(MagentoFeed.Shipments, T0, T0),
            new CursorAdvanced(MagentoFeed.Orders, S(4), [3, 9], PollStage.SameSecond, 3, S(60)),
            new CursorAdvanced(MagentoFeed.Orders, S(4), [12], PollStage.After, 1, S(61)),
            new PollStarted(MagentoFeed.Orders, S(100), S(100)), // a second start of a started feed is ignored
            new CursorAdvanced(MagentoFeed.Shipments, S(2), [1], PollStage.AtOrAfter, 1, S(62)),
        ];

        var state = journal.Aggregate(MagentoPollState.Empty, (s, e) => s.ProcessEvent(e));

        Assert.Equal((S(4), 4L), (state.Orders.From!.Value, state.Orders.Filed));
        Assert.Equal([3L, 9L, 12L], state.Orders.SeenAtFrom);
        Assert.Equal((S(2), 1L), (state.Shipments.From!.Value, state.Shipments.Filed));
        Assert.Null(state.CreditMemos.From);
    }
}
