using ActorSync.Domain.Catalogue;
using static ActorSync.Domain.Catalogue.CataloguePublisherEvents;

namespace ActorSync.Domain.Tests.Catalogue;

public class CataloguePublisherStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static ChannelProduct Shirt(decimal? price, bool enabled = true) => new("ITM00042", "Linen shirt, sand", price, enabled);
    private static ChannelProduct Mug(decimal? price, bool enabled = true) => new("ITM00007", "Mug, stoneware", price, enabled);

    private static CataloguePublisherState Apply(CataloguePublisherState state, IEnumerable<ICataloguePublisherEvent> events) =>
        events.Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static CataloguePublisherState Offer(CataloguePublisherState state, params ChannelProduct[] products) =>
        Apply(state, state.ProcessCommand(products, T0));

    [Fact]
    public void The_latest_offer_of_a_SKU_replaces_the_one_waiting_and_a_told_product_is_not_owed_again()
    {
        var state = Offer(CataloguePublisherState.Empty, Shirt(24.99m), Mug(11.19m));
        state = Offer(state, Shirt(22.39m));
        Assert.Equal([Mug(11.19m), Shirt(22.39m)], state.NextCall(10));

        state = state.ProcessEvent(new ProductsTold([Mug(11.19m), Shirt(22.39m)], T0));

        Assert.Empty(state.Owed);
        Assert.Empty(state.ProcessCommand([Shirt(22.39m), Mug(11.19m)], T0));
        Assert.Equal((1, 2), (state.Calls, state.ItemsSent));
    }

    [Fact]
    public void A_change_back_to_what_the_channel_has_drops_the_stale_owed_one()
    {
        var state = CataloguePublisherState.Empty.ProcessEvent(new ProductsTold([Shirt(24.99m)], T0));
        state = Offer(state, Shirt(26.24m));
        state = Offer(state, Shirt(24.99m));

        Assert.Empty(state.Owed);
    }

    [Fact]
    public void A_disabled_product_is_owed_once_whether_told_before_or_not_so_the_channel_withdraws_what_it_lists()
    {
        var state = Offer(CataloguePublisherState.Empty, Mug(null, enabled: false));
        Assert.Equal([Mug(null, enabled: false)], state.NextCall(10));
        state = state.ProcessEvent(new ProductsTold([Mug(null, enabled: false)], T0));
        Assert.Empty(state.ProcessCommand([Mug(null, enabled: false)], T0));

        state = state.ProcessEvent(new ProductsTold([Shirt(24.99m)], T0));
        state = Offer(state, Shirt(24.99m, enabled: false));
        Assert.Equal([Shirt(24.99m, enabled: false)], state.NextCall(10));
    }

    [Fact]
    public void A_told_call_settles_only_what_did_not_change_while_it_was_out()
    {
        var state = Offer(CataloguePublisherState.Empty, Shirt(24.99m));
        var call = state.NextCall(10);
        state = Offer(state, Shirt(26.24m));

        state = state.ProcessEvent(new ProductsTold(call, T0));

        Assert.Equal(Shirt(24.99m), state.ToldOf("ITM00042"));
        Assert.Equal([Shirt(26.24m)], state.NextCall(10));
    }

    [Fact]
    public void A_refused_product_is_not_owed_again_as_it_stands_but_is_after_a_change_or_a_retry()
    {
        var state = Offer(CataloguePublisherState.Empty, Shirt(24.99m));
        state = state.ProcessEvent(new ProductRefused(Shirt(24.99m), "400 sku not allowed", T0));
        Assert.Empty(state.Owed);
        Assert.Empty(state.ProcessCommand([Shirt(24.99m)], T0));

        var retried = state.ProcessEvent(new ProductRefusalCleared("ITM00042", T0));
        Assert.Equal([Shirt(24.99m)], retried.NextCall(10));
        Assert.Empty(retried.Refused);

        var changed = Offer(state, Shirt(22.39m));
        Assert.Equal([Shirt(22.39m)], changed.NextCall(10));
    }

    [Fact]
    public void A_snapshot_restores_what_was_told_owed_and_refused()
    {
        var state = Offer(CataloguePublisherState.Empty, Shirt(24.99m), Mug(11.19m));
        state = state.ProcessEvent(new ProductsTold([Mug(11.19m)], T0));
        state = state.ProcessEvent(new ProductRefused(Shirt(24.99m), "refused", T0));
        state = Offer(state, new ChannelProduct("ITM00009", "Tote bag", 9.95m, true));

        var restored = CataloguePublisherState.FromSnapshot(state.ToSnapshot());

        Assert.Equal(state.Told.OrderBy(p => p.Key), restored.Told.OrderBy(p => p.Key));
        Assert.Equal(state.Refused.OrderBy(p => p.Key), restored.Refused.OrderBy(p => p.Key));
        Assert.Equal(state.NextCall(10), restored.NextCall(10));
        Assert.Equal((state.Calls, state.ItemsSent), (restored.Calls, restored.ItemsSent));
    }
}
