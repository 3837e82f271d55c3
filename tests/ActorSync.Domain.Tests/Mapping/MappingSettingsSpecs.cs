using ActorSync.Domain.Mapping;
using ActorSync.Domain.Tests.Validation;

namespace ActorSync.Domain.Tests.Mapping;

public class MappingSettingsSpecs
{
    private static IReadOnlyList<string> ErrorsAfter(Action<MappingSettings> change)
    {
        var settings = TestCompany.Settings();
        change(settings);
        return settings.Validate();
    }

    [Fact]
    public void A_complete_section_is_valid_and_becomes_the_order_mapping()
    {
        var settings = TestCompany.Settings();

        Assert.Empty(settings.Validate());
        var mapping = settings.ToOrderMapping();
        Assert.Equal("POSGUEST", mapping.GuestCardCodes["sitoo"]);
        Assert.False(mapping.GuestCardCodes.ContainsKey("wms"));
        Assert.Equal("O1", mapping.VatGroupsByRate[20m]);
        Assert.Equal("O1", mapping.VatGroupsByRate[25.00m]);
        Assert.Equal(1, mapping.ShippingTypes["FLATRATE_FLATRATE"]);
        Assert.Equal(new PaymentAccount("100000", PaymentMeans.Cash), mapping.PaymentAccounts["cash"]);
        Assert.Equal("03", mapping.Locations["sitoo"]["2"].Warehouse);
        Assert.Equal(1m, mapping.Locations["sitoo"]["2"].SafetyBuffer);
        Assert.Equal(["02"], mapping.Locations["sitoo"]["1"].SellableWarehouses);
        Assert.Equal("02", mapping.ChannelWarehouses["sitoo"]);
        Assert.Equal(CustomerMatchRule.ChannelCustomerId, mapping.CustomerMatching["bigcommerce"]);
        Assert.Equal(("01", "DMG"), (mapping.ReturnsToStockWarehouse, mapping.WriteOffWarehouse));
        Assert.Contains("damaged", mapping.WriteOffReasonCodes);
        Assert.Equal(BatchAllocationStrategy.Fefo, mapping.BatchAllocation);
        Assert.Equal((1, 3, 0.01m), (mapping.FreightExpenseCode, mapping.DueInDays, mapping.TotalsTolerancePerLine));
    }

    [Fact]
    public void Fifo_is_read_from_the_setting()
    {
        var settings = TestCompany.Settings();
        settings.BatchAllocation = "fifo";

        Assert.Equal(BatchAllocationStrategy.Fifo, settings.ToOrderMapping().BatchAllocation);
    }

    [Fact]
    public void A_shipping_type_that_is_not_a_positive_code_is_named_by_its_key()
    {
        var errors = ErrorsAfter(s => s.ShippingTypes["flatrate_flatrate"] = "x");

        Assert.Equal(["Mapping:ShippingTypes:flatrate_flatrate must be a positive ShippingTypes code, was 'x'"], errors);
    }

    [Theory]
    [InlineData("VatGroups", "Mapping:VatGroups:twenty must be keyed by a tax rate in percent (0 to 99.99), 'twenty' is not one")]
    [InlineData("VatGroupValue", "Mapping:VatGroups:20 must name an SAP VAT group, was empty")]
    [InlineData("PaymentKind", "Mapping:PaymentMethods:Card:Kind must be Cash or Transfer, was 'Cheque'")]
    [InlineData("PaymentAccount", "Mapping:PaymentMethods:Cash:Account must name a G/L account, was empty")]
    [InlineData("LocationWarehouse", "Mapping:Channels:sitoo:Locations:1:Warehouse must name the SAP warehouse its lines post to, was empty")]
    [InlineData("SafetyBuffer", "Mapping:Channels:sitoo:Locations:2:SafetyBuffer must be a quantity of 0 or more, was '-1'")]
    [InlineData("Sellable", "Mapping:Channels:wms:Locations:MAIN:SellableWarehouses:0 must name an SAP warehouse, was empty")]
    [InlineData("BatchAllocation", "Mapping:BatchAllocation must be FEFO or FIFO, was 'LIFO'")]
    [InlineData("CustomerMatching", "Mapping:Channels:magento:CustomerMatching must be Email, ChannelCustomerId or AlwaysGuest, was 'Phone'")]
    [InlineData("Guest", "Mapping:Channels:magento:GuestBusinessPartner must name the business partner for guest orders, was empty")]
    [InlineData("AlwaysGuest", "Mapping:Channels:wms:GuestBusinessPartner must be set when CustomerMatching is AlwaysGuest")]
    [InlineData("Freight", "Mapping:FreightExpenseCode must be a positive additional-expense code, was '0'")]
    [InlineData("DueInDays", "Mapping:DueInDays must be a whole number of days (0 or more), was 'soon'")]
    [InlineData("Tolerance", "Mapping:TotalsTolerancePerLine must be an amount between 0 and 1, was '5'")]
    [InlineData("Returns", "Mapping:Returns:WriteOffWarehouse must differ from Returns:RestockWarehouse ('01'), or written-off goods would be sold again")]
    [InlineData("NoChannels", "Mapping:Channels must configure at least one channel")]
    public void Every_bad_value_is_named_by_its_configuration_key(string what, string expected)
    {
        var errors = ErrorsAfter(s =>
        {
            switch (what)
            {
                case "VatGroups": s.VatGroups["twenty"] = "O1"; break;
                case "VatGroupValue": s.VatGroups["20"] = " "; break;
                case "PaymentKind": s.PaymentMethods["Card"].Kind = "Cheque"; break;
                case "PaymentAccount": s.PaymentMethods["Cash"].Account = ""; break;
                case "LocationWarehouse": s.Channels["sitoo"].Locations["1"].Warehouse = null; break;
                case "SafetyBuffer": s.Channels["sitoo"].Locations["2"].SafetyBuffer = "-1"; break;
                case "Sellable": s.Channels["wms"].Locations["MAIN"].SellableWarehouses = [""]; break;
                case "BatchAllocation": s.BatchAllocation = "LIFO"; break;
                case "CustomerMatching": s.Channels["magento"].CustomerMatching = "Phone"; break;
                case "Guest": s.Channels["magento"].GuestBusinessPartner = ""; break;
                case "AlwaysGuest": s.Channels["wms"].CustomerMatching = "AlwaysGuest"; break;
                case "Freight": s.FreightExpenseCode = "0"; break;
                case "DueInDays": s.DueInDays = "soon"; break;
                case "Tolerance": s.TotalsTolerancePerLine = "5"; break;
                case "Returns": s.Returns.WriteOffWarehouse = "01"; break;
                case "NoChannels": s.Channels.Clear(); break;
            }
        });

        Assert.Contains(expected, errors);
    }

    [Fact]
    public void Throwing_lists_every_error_and_the_order_mapping_is_refused_while_any_remain()
    {
        var settings = TestCompany.Settings();
        settings.ShippingTypes["express"] = "-2";
        settings.BatchAllocation = "random";

        var error = Assert.Throws<MappingValidationException>(settings.ToOrderMapping);

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains("Mapping:ShippingTypes:express", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mapping:BatchAllocation", error.Message, StringComparison.Ordinal);
    }
}
