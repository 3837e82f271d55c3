using ActorSync.Domain.Documents;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Tests.Posting;

/// <summary>
/// What an unfinished record says it waits on (the ops API's <c>waitingOn</c>, readiness), in the words of the SAP
/// answer that made it wait; and the demo company's mapping that the dry run and the demo use.
/// </summary>
public class WaitingReasonsSpecs
{
    private static readonly WorkItem Delivery = new("delivery:SH-1", RequestKind.Document, "DeliveryNotes", null,
        new LookUpKey("DeliveryNotes", "NumAtCard", "MAGENTO-100000451/DSH-1"));

    [Fact]
    public void A_request_in_flight_or_a_look_up_names_the_document()
    {
        Assert.Equal("SAP's answer to DeliveryNotes delivery:SH-1 (queued for the gateway)", WaitingReasons.Sent(Delivery));
        Assert.Equal("a look-up of MAGENTO-100000451/DSH-1 in DeliveryNotes: the last answer was uncertain, so SAP is asked before anything is sent again",
            WaitingReasons.LookingUp(Delivery));
        Assert.Equal("SAP's batch and serial stock, read just before posting", WaitingReasons.ReadingStock());
    }

    [Fact]
    public void The_next_try_says_which_answer_made_it_wait()
    {
        Assert.Equal("the next try: SAP did not take it (circuit open)", WaitingReasons.After(new PostOutcome.NotApplied("circuit open", TimeSpan.FromSeconds(30))));
        Assert.Equal("the next try: the record is locked in SAP (-2039 Another user modified the table OITW)",
            WaitingReasons.After(new PostOutcome.Rejected(RejectionKind.LockConflict, "-2039", "Another user modified the table OITW")));
        Assert.Equal("the next try: SAP answered -5002 Quantity falls into negative inventory",
            WaitingReasons.After(new PostOutcome.Rejected(RejectionKind.Validation, "-5002", "Quantity falls into negative inventory")));
        Assert.Equal("the next try: the last answer was uncertain (connection reset)", WaitingReasons.After(new PostOutcome.Uncertain("connection reset")));
        Assert.Equal("the next try", WaitingReasons.After(new PostOutcome.Applied()));
        Assert.Equal("the next try: the look-up in SAP failed (503 Service Unavailable)", WaitingReasons.After(new LookupOutcome.Failed("503 Service Unavailable")));
        Assert.Equal("the next try", WaitingReasons.After(new LookupOutcome.Absent()));
    }

    [Fact]
    public void The_demo_company_s_mapping_has_a_guest_per_channel_its_vat_groups_shipping_types_and_warehouses()
    {
        var mapping = OrderMapping.ForDemoCompany("magento", "sitoo");

        Assert.Equal(("WEBGUEST", "POSGUEST"), (mapping.GuestCardCodes["magento"], mapping.GuestCardCodes["sitoo"]));
        Assert.Equal(("O1", "O2", "O0"), (mapping.VatGroupsByRate[20m], mapping.VatGroupsByRate[5m], mapping.VatGroupsByRate[0m]));
        Assert.Equal((1, 2, 3, 4), (mapping.ShippingTypes["Standard"], mapping.ShippingTypes["EXPRESS"], mapping.ShippingTypes["click-and-collect"], mapping.ShippingTypes["freight"]));
        Assert.Equal(("01", 1, "400000"), (mapping.DefaultWarehouse, mapping.FreightExpenseCode, mapping.ShippingRefundAccount));
        var defaults = new OrderMapping();
        Assert.Equal(("01", "01", "DMG"), (defaults.DefaultWarehouse, defaults.ReturnsToStockWarehouse, defaults.WriteOffWarehouse));
    }
}
