using System.Collections.Immutable;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.StockPublishing;

namespace ActorSync.Domain.Tests.Reconciliation;

/// <summary>Order reconciliation at the window's edges, and the words each finding gives the person who owns it.</summary>
public class OrderReconciliationEdgeSpecs
{
    private static readonly DateTimeOffset Since = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReconWindow Window = new(Since, new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_order_made_exactly_at_the_window_s_start_or_its_cutoff_is_judged_and_so_are_its_refunds_and_shipments_at_the_cutoff()
    {
        var first = new ChannelOrderSeen("magento", "000000501", Since, true, [], []);
        var last = new ChannelOrderSeen("magento", "000000502", Window.Cutoff, true,
            [new ChannelEvent("S1", Window.Cutoff)], [new ChannelEvent("M1", Window.Cutoff)]);

        var results = OrderReconciliation.Compare("magento", Window, [first, last], [new SapDocumentSeen("Orders", 7, "MAGENTO-000000502", new DateOnly(2026, 12, 7))]);

        Assert.Equal([3, 1, 1], results.Select(r => r.Compared)); // both channel orders and the SAP order; the refund; the shipment
        Assert.Equal(["order-missing:magento:000000501", "refund-no-credit-note:magento:000000502/M1", "dispatch-no-delivery:magento:000000502/S1"],
            results.SelectMany(r => r.Findings).Select(f => f.Key).Distinct());
    }

    [Fact]
    public void An_SAP_order_dated_the_window_s_first_day_is_compared_and_one_the_channel_lacks_is_found_in_words()
    {
        var sap = new SapDocumentSeen("Orders", 812, "MAGENTO-000000999", new DateOnly(2026, 12, 1));

        var finding = Assert.Single(OrderReconciliation.Compare("magento", Window, [], [sap])[0].Findings);

        Assert.Equal(("sap-order-unknown:MAGENTO-000000999", "MAGENTO-000000999"), (finding.Key, finding.Subject));
        Assert.Equal("SAP sales order 812 (NumAtCard MAGENTO-000000999, 2026-12-01) names a magento order the channel does not have.", finding.Detail);
    }

    [Fact]
    public void Each_missing_document_is_named_with_its_key_and_explained_in_words()
    {
        var order = new ChannelOrderSeen("magento", "000000470", Since.AddDays(1), true,
            [new ChannelEvent("S7", new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero)), new ChannelEvent("S8", new DateTimeOffset(2026, 12, 4, 16, 5, 0, TimeSpan.Zero))],
            [new ChannelEvent("M3", new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.Zero))]);
        SapDocumentSeen[] sap = [new("Orders", 900, "MAGENTO-000000470", new DateOnly(2026, 12, 2)), new("DeliveryNotes", 95, "MAGENTO-000000470/DS7", new DateOnly(2026, 12, 3))];

        var findings = OrderReconciliation.Compare("magento", Window, [order], sap).SelectMany(r => r.Findings).DistinctBy(f => f.Key).ToList();

        Assert.Equal(
        [
            ("refund-no-credit-note:magento:000000470/M3",
                "magento refund M3 of order 000000470 (2026-12-05 11:00 UTC) has no SAP credit note with NumAtCard MAGENTO-000000470/RM3."),
            ("dispatch-no-invoice:magento:000000470/S7",
                "magento shipment S7 of order 000000470 is delivered in SAP but has no invoice with NumAtCard MAGENTO-000000470/IS7."),
            ("dispatch-no-delivery:magento:000000470/S8",
                "magento shipment S8 of order 000000470 (2026-12-04 16:05 UTC) has no SAP delivery with NumAtCard MAGENTO-000000470/DS8."),
        ], findings.Select(f => (f.Key, f.Detail)));
    }
}

/// <summary>Stock reconciliation's findings in the words merchandising and operations read, in a stable order.</summary>
public class StockReconciliationEdgeSpecs
{
    private static readonly PublishedChannel BigCommerce = new("bigcommerce",
        ImmutableDictionary<string, ChannelLocation>.Empty
            .Add("1", new ChannelLocation("01", ["01", "03"], 2m))
            .Add("2", new ChannelLocation("03", ["03"], 0m)),
        StockUnits.Whole);

    private static readonly ItemLevels Item = new("ITM00001", [new WarehouseLevel("01", 14.5m, 3m), new WarehouseLevel("03", 4m, 0m)]);

    [Fact]
    public void Findings_come_location_by_location_then_SKU_by_SKU_whatever_order_the_channel_listed_them_in()
    {
        ShownStock[] shown = [new("2", "ITM00002", 3m), new("1", "ITM00002", 1m), new("2", "ITM00001", 9m), new("1", "ITM00001", 16m)];

        var result = StockReconciliation.Compare(BigCommerce, [Item], shown, threshold: 0m);

        Assert.Equal(["bigcommerce/1/ITM00001", "bigcommerce/1/ITM00002", "bigcommerce/2/ITM00001", "bigcommerce/2/ITM00002"], result.Findings.Select(f => f.Subject));
    }

    [Fact]
    public void A_finding_says_what_the_location_shows_what_SAP_allows_from_which_warehouses_and_how_far_off_in_which_direction()
    {
        // Location 1: (14.5 − 3) + 4 − 2 = 13.5, whole units 13.
        var above = Assert.Single(StockReconciliation.Compare(BigCommerce, [Item], [new ShownStock("1", "ITM00001", 16m)], 0m).Findings);
        var below = Assert.Single(StockReconciliation.Compare(BigCommerce, [Item], [new ShownStock("1", "ITM00001", 10.5m)], 0m).Findings);

        Assert.Equal("bigcommerce location 1 shows 16 of ITM00001; SAP allows 13 (sellable warehouses 01, 03, buffer 2): 3 too many.", above.Detail);
        Assert.Equal("bigcommerce location 1 shows 10.5 of ITM00001; SAP allows 13 (sellable warehouses 01, 03, buffer 2): 2.5 too few.", below.Detail);
    }
}
