using System.Collections.Immutable;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.StockPublishing;
using static ActorSync.Domain.StockPublishing.StockPublisherEvents;

namespace ActorSync.Domain.Tests.StockPublishing;

public class AvailableStockSpecs
{
    private static readonly ChannelLocation Web = new("01", ["01", "03"], 2m);

    private static ImmutableList<WarehouseLevel> Levels(params (string W, decimal InStock, decimal Committed)[] rows) =>
        rows.Select(r => new WarehouseLevel(r.W, r.InStock, r.Committed)).ToImmutableList();

    [Fact]
    public void Available_is_the_sellable_warehouses_in_stock_less_committed_less_the_buffer()
    {
        var levels = Levels(("01", 40.75m, 12.5m), ("03", 6m, 1.25m), ("QC", 500m, 0m), ("DMG", 3m, 0m));
        // (40.75 − 12.5) + (6 − 1.25) − 2 = 31; quarantine and damaged never count.
        Assert.Equal(31m, AvailableStock.For(Web, levels, StockUnits.Decimal));
    }

    [Fact]
    public void A_warehouse_overcommitted_takes_from_the_others_and_the_total_never_goes_below_zero()
    {
        Assert.Equal(1.5m, AvailableStock.For(Web, Levels(("01", 2m, 5.5m), ("03", 7m, 0m)), StockUnits.Decimal));
        Assert.Equal(0m, AvailableStock.For(Web, Levels(("01", 2m, 5.5m), ("03", 3m, 0m)), StockUnits.Decimal));
    }

    [Fact]
    public void A_whole_unit_channel_is_told_the_units_below_never_above()
    {
        Assert.Equal(3m, AvailableStock.For(Web, Levels(("01", 5.75m, 0.25m)), StockUnits.Whole));
        Assert.Equal(3.5m, AvailableStock.For(Web, Levels(("01", 5.75m, 0.25m)), StockUnits.Decimal));
    }

    [Fact]
    public void Every_location_of_the_channel_gets_its_own_target()
    {
        var channel = new PublishedChannel("magento", ImmutableDictionary<string, ChannelLocation>.Empty
            .Add("web", Web).Add("store", new ChannelLocation("02", ["02"], 0m)), StockUnits.Decimal);
        var targets = AvailableStock.Targets(channel, new ItemLevels("ITM00007", Levels(("01", 10m, 0m), ("02", 4.5m, 1m)))).OrderBy(t => t.Location).ToList();
        Assert.Equal([new StockTarget("store", "ITM00007", 3.5m), new StockTarget("web", "ITM00007", 8m)], targets);
    }
}

public class OwedStockSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static StockPublisherState Told(params (string Location, string Sku, decimal Quantity)[] told) =>
        told.Aggregate(StockPublisherState.Empty, (s, t) => s.ProcessEvent(new StockTold(t.Location, [new ToldQuantity(t.Sku, t.Quantity)], T0)));

    [Fact]
    public void The_latest_quantity_replaces_the_one_waiting_and_keeps_when_the_sku_fell_behind()
    {
        var owed = new OwedStock();
        var state = Told(("1", "A", 5m));
        owed.Offer(new StockTarget("1", "A", 4m), state, T0);
        owed.Offer(new StockTarget("1", "A", 2.5m), state, T0.AddSeconds(3));
        owed.Offer(new StockTarget("1", "A", 1m), state, T0.AddSeconds(4));

        var call = Assert.IsType<PublishCall>(owed.Next(2000));
        Assert.Equal([new OwedItem("A", 1m, T0)], call.Items);
        Assert.Equal((3L, 2L, 1), (owed.Counts.ChangesSeen, owed.Counts.Replaced, owed.Count));
    }

    [Fact]
    public void A_quantity_the_channel_already_shows_is_not_owed_and_cancels_a_stale_one_waiting()
    {
        var owed = new OwedStock();
        var state = Told(("1", "A", 5m));
        owed.Offer(new StockTarget("1", "A", 4m), state, T0);
        owed.Offer(new StockTarget("1", "A", 5m), state, T0);
        Assert.Null(owed.Next(2000));
        Assert.Equal(0, owed.Count);
    }

    [Fact]
    public void A_sku_at_zero_never_told_is_not_sent_but_one_told_before_is_followed_down_to_zero()
    {
        var owed = new OwedStock();
        var state = Told(("1", "A", 5m));
        owed.Offer(new StockTarget("1", "NEW", 0m), state, T0);
        owed.Offer(new StockTarget("1", "A", 0m), state, T0);
        Assert.Equal([new OwedItem("A", 0m, T0)], owed.Next(2000)!.Items);
        Assert.Equal(1L, owed.Counts.NeverListedAtZero);
    }

    [Fact]
    public void Calls_are_filled_to_the_limit_one_location_at_a_time_and_locations_take_turns()
    {
        var owed = new OwedStock();
        for (var i = 0; i < 5; i++)
        {
            owed.Offer(new StockTarget("1", $"A{i}", i + 1), StockPublisherState.Empty, T0);
            owed.Offer(new StockTarget("2", $"B{i}", i + 1), StockPublisherState.Empty, T0);
        }

        var first = owed.Next(3)!;
        var second = owed.Next(3)!;
        Assert.Equal(("1", 3), (first.Location, first.Items.Count));
        Assert.Equal(("2", 3), (second.Location, second.Items.Count));
    }

    [Fact]
    public void Settling_a_call_keeps_a_newer_quantity_that_came_while_it_was_in_flight()
    {
        var owed = new OwedStock();
        owed.Offer(new StockTarget("1", "A", 4m), StockPublisherState.Empty, T0);
        owed.Offer(new StockTarget("1", "B", 7m), StockPublisherState.Empty, T0);
        var call = owed.Next(10)!;
        owed.Offer(new StockTarget("1", "A", 3m), StockPublisherState.Empty, T0.AddSeconds(1));

        var lags = owed.Settle(call.Location, call.Items, T0.AddSeconds(2));

        Assert.Equal([TimeSpan.FromSeconds(2)], lags);
        Assert.Equal(3m, owed.OwedOf("1", "A"));
        Assert.Null(owed.OwedOf("1", "B"));
    }
}

public class ChannelQuotaSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Calls_are_spread_over_the_configured_quota()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30)).Sent(T0);
        Assert.Equal(TimeSpan.FromMilliseconds(200), quota.WaitFrom(T0));
    }

    [Fact]
    public void The_channels_headers_spread_what_is_left_of_its_window_and_none_left_waits_for_the_reset()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30)).Sent(T0);
        Assert.Equal(TimeSpan.FromSeconds(2), quota.Answered(T0, new QuotaReading(4, TimeSpan.FromSeconds(10))).WaitFrom(T0));
        Assert.Equal(TimeSpan.FromSeconds(7), quota.Answered(T0, new QuotaReading(0, TimeSpan.FromSeconds(7))).WaitFrom(T0));
    }

    [Fact]
    public void A_429_waits_the_reset_it_names_or_doubles_and_an_answer_resets_the_doubling()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromMilliseconds(3050), quota.Throttled(T0, TimeSpan.FromSeconds(3)).WaitFrom(T0));
        var doubled = quota.Throttled(T0, null).Throttled(T0, null);
        Assert.Equal(TimeSpan.FromSeconds(2), doubled.WaitFrom(T0));
        Assert.Equal(ChannelQuota.FirstBackoff, doubled.Answered(T0, null).Backoff);
    }

    [Fact]
    public void An_outage_backs_off_doubling_up_to_five_minutes()
    {
        var quota = ChannelQuota.Of(150, TimeSpan.FromSeconds(30));
        for (var i = 0; i < 20; i++) quota = quota.Unavailable(T0, null);
        Assert.Equal(TimeSpan.FromMinutes(5), quota.WaitFrom(T0));
    }
}

public class StockPublisherStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Told_refused_and_cleared_replay_and_survive_a_snapshot()
    {
        var state = new IStockPublisherEvent[]
        {
            new StockTold("1", [new ToldQuantity("ITM00001", 31m), new ToldQuantity("ITM00002", 0m)], T0),
            new StockRefused("1", "ITM00009", 12m, "422 No product or variant with SKU 'ITM00009'", T0),
            new StockTold("default", [new ToldQuantity("ITM00001", 28.25m)], T0),
            new StockRefused("1", "ITM00010", 4m, "422", T0),
            new RefusalCleared("1", "ITM00010", T0),
        }.Aggregate(StockPublisherState.Empty, (s, e) => s.ProcessEvent(e));

        Assert.Equal((31m, 28.25m, 12m, (decimal?)null), (state.ToldOf("1", "ITM00001"), state.ToldOf("default", "ITM00001"), state.RefusedOf("1", "ITM00009"), state.RefusedOf("1", "ITM00010")));
        Assert.Equal((2L, 3L), (state.Calls, state.ItemsSent));
        var back = StockPublisherState.FromSnapshot(state.ToSnapshot());
        Assert.Equal((31m, 0m, 28.25m, 12m, 2L, 3L), (back.ToldOf("1", "ITM00001")!.Value, back.ToldOf("1", "ITM00002")!.Value, back.ToldOf("default", "ITM00001")!.Value,
            back.RefusedOf("1", "ITM00009")!.Value, back.Calls, back.ItemsSent));
    }

    [Fact]
    public void A_refused_sku_the_channel_later_takes_is_no_longer_refused()
    {
        var state = StockPublisherState.Empty
            .ProcessEvent(new StockRefused("1", "A", 3m, "422", T0))
            .ProcessEvent(new StockTold("1", [new ToldQuantity("A", 5m)], T0));
        Assert.Null(state.RefusedOf("1", "A"));
    }
}
