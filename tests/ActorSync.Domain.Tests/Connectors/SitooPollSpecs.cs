using ActorSync.Domain.Connectors.Sitoo;

namespace ActorSync.Domain.Tests.Connectors;

/// <summary>The Sitoo polls' id cursor, the watch of orders that are not final, and the order gate.</summary>
public class SitooPollSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static SitooPollState Started(long from) => SitooPollState.Empty.ProcessEvent(new SitooPollEvents.PollStarted(from, T0));

    [Fact]
    public void The_first_poll_starts_at_the_configured_id_else_just_after_the_newest_and_a_later_start_keeps_the_journaled_cursor()
    {
        Assert.Equal(40, SitooPollState.Empty.Start(T0, 40, 11_513)!.From);
        Assert.Equal(11_514, SitooPollState.Empty.Start(T0, null, 11_513)!.From);
        Assert.Equal(1, SitooPollState.Empty.Start(T0, null, null)!.From); // an account without orders yet
        Assert.Null(Started(11_514).Start(T0.AddDays(1), 1, 20_000));
    }

    [Fact]
    public void The_cursor_moves_past_the_highest_id_read_and_totalcount_says_whether_to_read_on()
    {
        var state = Started(11_512);
        var request = state.NextRequest(3);
        PolledRow[] rows = [new(11_512, PollVerdict.File), new(11_513, PollVerdict.FileAndWatch), new(11_515, PollVerdict.File)];

        var decision = state.AfterPage(request, rows, totalCount: 7, T0);
        var next = state.ProcessEvent(decision.Advance!);

        Assert.Equal([11_512L, 11_513L, 11_515L], decision.ToFile);
        Assert.True(decision.More); // 7 match from the cursor, 3 were on this page
        Assert.Equal(new IdPageRequest(11_516, 3), next.NextRequest(3));
        Assert.Equal([11_513L], next.Watched.Keys);
        Assert.Equal(3, next.Filed);
    }

    [Fact]
    public void Skipped_rows_move_the_cursor_without_being_filed()
    {
        var state = Started(16);
        PolledRow[] rows = [new(16, PollVerdict.File), new(17, PollVerdict.Skip), new(18, PollVerdict.File)];

        var decision = state.AfterPage(state.NextRequest(10), rows, totalCount: 3, T0);
        var next = state.ProcessEvent(decision.Advance!);

        Assert.Equal([16L, 18L], decision.ToFile);
        Assert.False(decision.More);
        Assert.Equal((19L, 2L, 1L), (next.From!.Value, next.Filed, next.Skipped));
    }

    [Fact]
    public void An_empty_page_moves_nothing_and_ends_the_read()
    {
        var state = Started(100);

        var decision = state.AfterPage(state.NextRequest(50), [], 0, T0);

        Assert.Null(decision.Advance);
        Assert.False(decision.More);
        Assert.Equal(100, state.From);
    }

    [Fact]
    public void A_watched_order_that_became_paid_is_filed_and_settled_one_still_held_stays_and_one_past_the_watch_period_expires()
    {
        var state = Started(1)
            .ProcessEvent(new SitooPollEvents.PageFiled(10, 9, 0, [3, 5], T0))
            .ProcessEvent(new SitooPollEvents.PageFiled(20, 10, 0, [12, 14], T0.AddDays(6)));
        PolledRow[] reread = [new(3, PollVerdict.File), new(5, PollVerdict.FileAndWatch), new(12, PollVerdict.FileAndWatch)]; // 14 is gone

        var decision = state.AfterRecheck(state.RecheckIds(10), reread, T0.AddDays(7).AddMinutes(1), TimeSpan.FromDays(7));
        var next = state.ProcessEvent(decision.Settle!);

        Assert.Equal([3L], decision.ToFile);
        Assert.Equal([3L, 14L], decision.Settle!.Settled);
        Assert.Equal([5L], decision.Settle.Expired);
        Assert.Equal([12L], next.Watched.Keys);
    }

    [Fact]
    public void Watching_an_order_again_keeps_when_it_was_first_seen()
    {
        var state = Started(1).ProcessEvent(new SitooPollEvents.PageFiled(10, 1, 0, [7], T0));

        var again = state.ProcessEvent(new SitooPollEvents.PageFiled(10, 1, 0, [7], T0.AddDays(3)));

        Assert.Equal(T0, again.Watched[7]);
    }

    [Theory]
    [InlineData(10, 10, 20, SitooOrderVerdict.Post)]   // a closed, paid till receipt (orders_list.json)
    [InlineData(10, 0, 0, SitooOrderVerdict.Hold)]     // an open webshop order not paid yet (order.json)
    [InlineData(10, 0, 10, SitooOrderVerdict.Hold)]    // payment pending
    [InlineData(10, 0, 15, SitooOrderVerdict.Hold)]    // payment reserved
    [InlineData(100, 0, 20, SitooOrderVerdict.Hold)]   // a booking, even paid
    [InlineData(110, 0, 20, SitooOrderVerdict.Hold)]   // a parked POS sale
    [InlineData(10, 20, 20, SitooOrderVerdict.Cancel)] // cancelled in Sitoo
    [InlineData(10, -1, 0, SitooOrderVerdict.Ignore)]  // abandoned
    [InlineData(10, 0, 40, SitooOrderVerdict.Ignore)]  // payment failed
    public void Only_type_10_paid_orders_post_and_bookings_parked_and_unpaid_orders_are_held(int type, int state, int payment, SitooOrderVerdict expected)
    {
        var (verdict, reason) = SitooOrderGate.Of(type, state, payment);

        Assert.Equal(expected, verdict);
        Assert.Contains($"ordertypeid {type}", reason);
        Assert.Equal(expected == SitooOrderVerdict.Hold ? PollVerdict.FileAndWatch : PollVerdict.File, SitooOrderGate.ForPoll(type, state, payment));
    }

    [Fact]
    public void Only_moves_and_stocktakings_of_booked_warehouses_are_filed()
    {
        string[] booked = ["1"];

        Assert.Equal(PollVerdict.File, SitooTransactionGate.Of("1", 10, booked).Verdict);
        Assert.Equal(PollVerdict.File, SitooTransactionGate.Of("1", 50, booked).Verdict);
        Assert.Contains("POS or order flow", SitooTransactionGate.Of("1", 30, booked).Reason);
        Assert.Contains("BookWarehouseTransactions", SitooTransactionGate.Of("2", 10, booked).Reason);
    }

    [Fact]
    public void A_polled_order_is_keyed_by_its_state_so_a_reread_is_a_duplicate_and_a_payment_is_new_work()
    {
        Assert.Equal(SitooInboxKeys.Order(11_514, 10, 0, 0), SitooInboxKeys.Order(11_514, 10, 0, 0));
        Assert.NotEqual(SitooInboxKeys.Order(11_514, 10, 0, 0), SitooInboxKeys.Order(11_514, 10, 0, 20));
        Assert.Equal("event:9b2e6f1c", SitooInboxKeys.Event("9b2e6f1c"));
    }
}
