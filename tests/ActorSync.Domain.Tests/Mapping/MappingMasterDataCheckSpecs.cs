using ActorSync.Domain.Mapping;
using ActorSync.Domain.Tests.Validation;

namespace ActorSync.Domain.Tests.Mapping;

public class MappingMasterDataCheckSpecs
{
    private static MappingCheckResult CheckAfter(Action<MappingSettings> change)
    {
        var settings = TestCompany.Settings();
        change(settings);
        return MappingMasterDataCheck.Check(settings, TestCompany.Snapshot());
    }

    [Fact]
    public void The_test_mapping_fits_the_test_company_apart_from_the_deliberate_rate_mismatch()
    {
        var result = CheckAfter(_ => { });

        Assert.Empty(result.Errors);
        Assert.Equal(["Mapping:VatGroups:25 names VAT group 'O1', which SAP defines at 20 %: documents at 25 % will stop as tax-rate-mismatch"], result.Warnings);
    }

    [Theory]
    [InlineData("warehouse", "Mapping:Channels:sitoo:Locations:1:Warehouse names warehouse 'ZZ', which is not an active SAP warehouse")]
    [InlineData("inactive", "Mapping:DefaultWarehouse names warehouse 'OLD', which is not an active SAP warehouse")]
    [InlineData("sellable", "Mapping:Channels:sitoo:Locations:1:SellableWarehouses:0 names warehouse 'QC', which is not sellable (Nettable) in SAP")]
    [InlineData("vat", "Mapping:VatGroups:5 names VAT group 'O9', which is not an active SAP VAT group")]
    [InlineData("shipping", "Mapping:ShippingTypes:express names ShippingTypes code 9, which SAP does not have")]
    [InlineData("account", "Mapping:PaymentMethods:Card:Account names G/L account '999999', which SAP does not have")]
    [InlineData("writeoff", "Mapping:Returns:WriteOffWarehouse names warehouse '03', which is sellable (Nettable) in SAP: written-off goods would be sold again")]
    [InlineData("guest", "Mapping:Channels:magento:GuestBusinessPartner names 'NOGUEST', which is not an active customer in SAP")]
    public void A_code_sap_does_not_have_is_an_error_naming_the_key(string what, string expected)
    {
        var result = CheckAfter(s =>
        {
            switch (what)
            {
                case "warehouse": s.Channels["sitoo"].Locations["1"].Warehouse = "ZZ"; break;
                case "inactive": s.DefaultWarehouse = "OLD"; break;
                case "sellable": s.Channels["sitoo"].Locations["1"].SellableWarehouses = ["QC"]; break;
                case "vat": s.VatGroups["5"] = "O9"; break;
                case "shipping": s.ShippingTypes["express"] = "9"; break;
                case "account": s.PaymentMethods["Card"].Account = "999999"; break;
                case "writeoff": s.Returns.WriteOffWarehouse = "03"; break;
                case "guest": s.Channels["magento"].GuestBusinessPartner = "NOGUEST"; break;
            }
        });

        Assert.Contains(expected, result.Errors);
    }
}
