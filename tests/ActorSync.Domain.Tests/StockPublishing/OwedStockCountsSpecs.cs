using ActorSync.Domain.StockPublishing;
using static ActorSync.Domain.StockPublishing.StockPublisherEvents;

namespace ActorSync.Domain.Tests.StockPublishing;

/// <summary>
/// What the latest-wins coalescer counts (the publisher's metrics read them: offered, changes, replaced, already there,
/// never listed, owed) and what it hands back of a location.
/// </summary>
public class OwedStockCountsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static readonly StockPublisherState ToldA =
        StockPublisherState.Empty.ProcessEvent(new StockTold("store", [new ToldQuantity("ITM00001", 12.5m)], T0));

    [Fact]
    public void Every_offer_is_counted_by_what_became_of_it()
    {
        var owed = new OwedStock();

        owed.Offer(new StockTarget("store", "ITM00001", 11m), ToldA, T0);
        owed.Offer(new StockTarget("store", "ITM00001", 10.5m), ToldA, T0.AddSeconds(1));
        owed.Offer(new StockTarget("store", "ITM00001", 12.5m), ToldA, T0.AddSeconds(2));
        owed.Offer(new StockTarget("store", "ITM00002", 0m), ToldA, T0.AddSeconds(3));
        owed.Offer(new StockTarget("store", "ITM00003", 4m), ToldA, T0.AddSeconds(4));
        owed.Offer(new StockTarget("store", "ITM00003", 4m), ToldA, T0.AddSeconds(5));

        Assert.Equal(new CoalescingCounts(Offered: 6, ChangesSeen: 3, Replaced: 1, AlreadyThere: 1, NeverListedAtZero: 1, Owed: 1), owed.Counts);
        Assert.Equal(1, owed.Count);
    }

    [Fact]
    public void A_settled_sku_is_no_longer_owed_and_only_what_is_still_owed_is_handed_back()
    {
        var owed = new OwedStock();
        owed.Offer(new StockTarget("store", "ITM00003", 4m), ToldA, T0);
        owed.Offer(new StockTarget("store", "ITM00004", 7.25m), ToldA, T0.AddSeconds(2));

        var lags = owed.Settle("store", [new OwedItem("ITM00003", 4m, T0)], T0.AddSeconds(30));

        Assert.Equal([TimeSpan.FromSeconds(30)], lags);
        Assert.Equal(1, owed.Count);
        Assert.Equal([new OwedItem("ITM00004", 7.25m, T0.AddSeconds(2))], owed.Of("store", ["ITM00003", "ITM00004", "ITM00009"]));
        Assert.Empty(owed.Of("web", ["ITM00004"]));
    }

    [Fact]
    public void Locations_take_turns_and_one_with_nothing_owed_is_passed_over()
    {
        var owed = new OwedStock();
        owed.Offer(new StockTarget("store", "ITM00003", 4m), ToldA, T0);
        owed.Offer(new StockTarget("web", "ITM00003", 9m), ToldA, T0);
        owed.Settle("store", [new OwedItem("ITM00003", 4m, T0)], T0);

        Assert.Equal("web", owed.Next(100)!.Location);
        Assert.Equal("web", owed.Next(100)!.Location);
        owed.Settle("web", [new OwedItem("ITM00003", 9m, T0)], T0);
        Assert.Null(owed.Next(100));
    }
}
