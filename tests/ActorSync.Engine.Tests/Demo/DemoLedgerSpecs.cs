using ActorSync.Host.Demo;

namespace ActorSync.Engine.Tests.Demo;

/// <summary>
/// The demo's verdict: a record is done only when each of its documents is found exactly as often as expected; a
/// second copy, a cancelled order that posted, or any document SAP holds twice makes the run fail.
/// </summary>
public class DemoLedgerSpecs
{
    private static DemoSnapshot Snapshot(params (string Set, string NumAtCard)[] documents) => new(documents
        .GroupBy(d => d.Set)
        .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(d => DemoSnapshot.KeyOf(d.NumAtCard)).ToDictionary(k => k.Key, k => k.Count())));

    private static DemoLedger Ledger()
    {
        var ledger = new DemoLedger();
        ledger.Expect(new("magento", DemoFlow.Order, "MAGENTO-000010001", "Orders", "MAGENTO-000010001"));
        ledger.Expect(new("magento", DemoFlow.Dispatch, "MAGENTO-000010001", "DeliveryNotes", "MAGENTO-000010001/"));
        ledger.Expect(new("magento", DemoFlow.Dispatch, "MAGENTO-000010001", "Invoices", "MAGENTO-000010001/"));
        ledger.Expect(new("magento", DemoFlow.Tracking, "MAGENTO-000010001", DemoLedger.ShipmentsOf("magento"), "10001"));
        ledger.Expect(new("magento", DemoFlow.Order, "MAGENTO-000010002", "Orders", "MAGENTO-000010002", Count: 0));
        return ledger;
    }

    private static readonly (string, string)[] Everything =
    [
        ("Orders", "MAGENTO-000010001"), ("DeliveryNotes", "MAGENTO-000010001/DS1"), ("Invoices", "MAGENTO-000010001/IS1"),
        ("shipments:magento", "10001"),
    ];

    [Fact]
    public void Every_document_once_and_the_cancelled_order_absent_is_exactly_once()
    {
        var tally = Ledger().Tally(Snapshot(Everything));
        Assert.True(tally.ExactlyOnce);
        Assert.Equal((3, 3), (tally.Expected, tally.Done));
    }

    [Fact]
    public void A_dispatch_is_done_only_with_both_its_delivery_and_its_invoice()
    {
        var tally = Ledger().Tally(Snapshot([.. Everything.Where(d => d.Item1 != "Invoices")]));
        Assert.Equal((1, 0), (tally.Of("magento", DemoFlow.Dispatch).Expected, tally.Of("magento", DemoFlow.Dispatch).Done));
        Assert.Equal(["Invoices MAGENTO-000010001/"], tally.Of("magento", DemoFlow.Dispatch).Missing);
        Assert.False(tally.Complete);
    }

    [Fact]
    public void A_second_shipment_in_the_shop_is_a_duplicate_and_fails_the_run()
    {
        var tally = Ledger().Tally(Snapshot([.. Everything, ("shipments:magento", "10001")]));
        Assert.Equal(1, tally.Of("magento", DemoFlow.Tracking).Duplicates);
        Assert.Equal(0, tally.Of("magento", DemoFlow.Tracking).Done);
        Assert.False(tally.ExactlyOnce);
    }

    [Fact]
    public void A_cancelled_order_in_SAP_fails_the_run()
    {
        var tally = Ledger().Tally(Snapshot([.. Everything, ("Orders", "MAGENTO-000010002")]));
        Assert.True(tally.Complete);
        Assert.Equal(1, tally.Duplicates);
        Assert.False(tally.ExactlyOnce);
    }

    [Fact]
    public void A_document_SAP_holds_twice_fails_the_run_even_when_nobody_expected_it()
    {
        var tally = Ledger().Tally(Snapshot([.. Everything, ("Orders", "BIGCOMMERCE-77"), ("Orders", "BIGCOMMERCE-77")]));
        Assert.Equal(1, tally.StrayDuplicates);
        Assert.False(tally.ExactlyOnce);
    }
}
