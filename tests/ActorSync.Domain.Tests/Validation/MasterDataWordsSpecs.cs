using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Validation;

/// <summary>The words of every master-data refusal, as the exception queue shows them to their owning team.</summary>
public class MasterDataWordsSpecs
{
    private static readonly MasterDataSnapshot Company = TestCompany.Snapshot();
    private const string Context = "Order magento:100000451, line 1 (ITM00003)";

    [Fact]
    public void Warehouses_vat_groups_shipping_types_and_partners_are_named_with_what_is_wrong()
    {
        Assert.Equal($"{Context}: warehouse 'OLD' is inactive in SAP.", MasterDataChecks.Warehouse(Company, "OLD", Context)!.Reason);
        Assert.Equal($"{Context}: VAT group 'O9' is not defined in SAP.", MasterDataChecks.VatGroup(Company, "O9", 20m, Context)!.Reason);
        Assert.Equal($"{Context}: VAT group 'OX' is inactive in SAP.", MasterDataChecks.VatGroup(Company, "OX", 20m, Context)!.Reason);
        Assert.Equal($"{Context}: the channel charged 19.5 % but VAT group O1 is 20 % in SAP.", MasterDataChecks.VatGroup(Company, "O1", 19.50m, Context)!.Reason);
        Assert.Null(MasterDataChecks.VatGroup(Company, "O1", 20.00m, Context));
        Assert.Equal($"{Context}: ShippingTypes code 9 does not exist in SAP.", MasterDataChecks.ShippingType(Company, 9, Context)!.Reason);
        Assert.Equal($"{Context}: business partner 'V00001' is not a customer in SAP.", MasterDataChecks.BusinessPartner(Company, "V00001", Context)!.Reason);
        Assert.Equal($"{Context}: business partner CINACTIVE is inactive in SAP.", MasterDataChecks.BusinessPartner(Company, "CINACTIVE", Context)!.Reason);
    }

    [Fact]
    public void A_batch_receipt_must_cover_its_quantity_with_batch_numbers()
    {
        ImmutableList<SapBatchNumber> two = [new("B-0003-D", 4.5m), new("B-0003-E", 3)];

        Assert.Null(MasterDataChecks.Receipt(Company, "ITM00003", "01", 7.5m, two, null, Context));
        Assert.Equal($"{Context}: batch-managed item ITM00003 arrives in warehouse 01 without batch numbers covering 7.25; the source sent none.",
            MasterDataChecks.Receipt(Company, "ITM00003", "01", 7.25m, two, null, Context)!.Reason);
        Assert.NotNull(MasterDataChecks.Receipt(Company, "ITM00003", "01", 4.5m, two, null, Context));
    }

    [Fact]
    public void A_serial_receipt_needs_one_new_serial_per_unit()
    {
        Assert.Null(MasterDataChecks.Receipt(Company, "ITM00006", "01", 2, null, [new("SN-NEW-1"), new("SN-NEW-2")], Context));
        Assert.Equal($"{Context}: serial-managed item ITM00006 arrives in warehouse 01 with 0 serial numbers for a quantity of 2.",
            MasterDataChecks.Receipt(Company, "ITM00006", "01", 2, null, null, Context)!.Reason);
        Assert.Equal($"{Context}: serial-managed item ITM00006 arrives in warehouse 01 with 1 serial numbers for a quantity of 2.",
            MasterDataChecks.Receipt(Company, "ITM00006", "01", 2, null, [new("SN-NEW-1"), new("SN-NEW-1")], Context)!.Reason);
        var inStock = Company.Items["ITM00006"].Stock.Values.SelectMany(s => s.Serials).First().SerialNumber;
        Assert.Equal($"{Context}: serial {inStock} of item ITM00006 is already in stock in SAP.",
            MasterDataChecks.Receipt(Company, "ITM00006", "01", 1, null, [new(inStock)], Context)!.Reason);
    }
}
