using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Validation;

public class MasterDataChecksSpecs
{
    private static readonly MasterDataSnapshot Snapshot = TestCompany.Snapshot();

    [Fact]
    public void An_unknown_sku_is_for_merchandising()
    {
        var problem = MasterDataChecks.Item(Snapshot, "WS12-M-Orange", "Order magento:000000003, line 1");

        Assert.Equal(("unknown-sku", OwningTeam.Merchandising), (problem!.Type, problem.Team));
        Assert.Equal("Order magento:000000003, line 1: SKU 'WS12-M-Orange' is not an item in SAP.", problem.Reason);
        Assert.False(string.IsNullOrWhiteSpace(problem.SuggestedAction));
    }

    [Theory]
    [InlineData("ITM00009", "inactive")]
    [InlineData("ITM00012", "frozen")]
    public void An_inactive_or_frozen_item_is_for_merchandising(string item, string word)
    {
        var problem = MasterDataChecks.Item(Snapshot, item, "ctx");

        Assert.Equal(("inactive-item", OwningTeam.Merchandising), (problem!.Type, problem.Team));
        Assert.Contains(word, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_item_passes()
    {
        Assert.Null(MasterDataChecks.Item(Snapshot, "ITM00001", "ctx"));
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("OLD")]
    public void An_unknown_or_inactive_warehouse_is_for_operations(string code)
    {
        Assert.Equal(("unknown-warehouse", OwningTeam.Operations), (MasterDataChecks.Warehouse(Snapshot, code, "ctx")!.Type, OwningTeam.Operations));
    }

    [Fact]
    public void A_vat_group_sap_lacks_is_for_finance()
    {
        var problem = MasterDataChecks.VatGroup(Snapshot, "OX", 20, "ctx");

        Assert.Equal(("unknown-vat-group", OwningTeam.Finance), (problem!.Type, problem.Team));
    }

    [Fact]
    public void A_vat_group_charging_another_rate_than_the_channel_is_a_tax_rate_mismatch()
    {
        var problem = MasterDataChecks.VatGroup(Snapshot, "O1", 25, "Sitoo sale 11513, row 1");

        Assert.Equal(("tax-rate-mismatch", OwningTeam.Finance), (problem!.Type, problem.Team));
        Assert.Equal("Sitoo sale 11513, row 1: the channel charged 25 % but VAT group O1 is 20 % in SAP.", problem.Reason);
        Assert.Null(MasterDataChecks.VatGroup(Snapshot, "O1", 20.00m, "ctx"));
    }

    [Fact]
    public void An_unknown_shipping_type_is_for_operations()
    {
        Assert.Equal("unknown-shipping-type", MasterDataChecks.ShippingType(Snapshot, 7, "ctx")!.Type);
        Assert.Null(MasterDataChecks.ShippingType(Snapshot, 4, "ctx"));
    }

    [Fact]
    public void An_unknown_gl_account_is_for_finance()
    {
        var problem = MasterDataChecks.GlAccount(Snapshot, "999999", "ctx");

        Assert.Equal(("unknown-gl-account", OwningTeam.Finance), (problem!.Type, problem.Team));
    }

    [Fact]
    public void Partners_must_be_active_customers()
    {
        Assert.Equal("unknown-customer", MasterDataChecks.BusinessPartner(Snapshot, "V00001", "ctx")!.Type);
        Assert.Equal("inactive-customer", MasterDataChecks.BusinessPartner(Snapshot, "CINACTIVE", "ctx")!.Type);
        Assert.Null(MasterDataChecks.BusinessPartner(Snapshot, "WEBGUEST", "ctx"));
    }

    [Fact]
    public void Batch_goods_arriving_without_their_batch_cannot_be_received()
    {
        var problem = MasterDataChecks.Receipt(Snapshot, "ITM00003", "01", 10, null, null, "ctx");

        Assert.Equal("batch-allocation", problem!.Type);
        Assert.Null(MasterDataChecks.Receipt(Snapshot, "ITM00003", "01", 10, [new SapBatchNumber("NEW", 10)], null, "ctx"));
    }

    [Fact]
    public void Serial_goods_must_arrive_one_new_serial_per_unit()
    {
        Assert.Equal("serial-allocation", MasterDataChecks.Receipt(Snapshot, "ITM00006", "01", 2, null, [new SapSerialNumber("N-1")], "ctx")!.Type);
        Assert.Equal("serial-allocation", MasterDataChecks.Receipt(Snapshot, "ITM00006", "01", 1, null, [new SapSerialNumber("SN-4")], "ctx")!.Type);
        Assert.Null(MasterDataChecks.Receipt(Snapshot, "ITM00006", "01", 2, null, [new SapSerialNumber("N-1"), new SapSerialNumber("N-2")], "ctx"));
    }
}
