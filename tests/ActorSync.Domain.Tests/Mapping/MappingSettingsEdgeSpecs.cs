using ActorSync.Domain.Mapping;
using ActorSync.Domain.Tests.Validation;

namespace ActorSync.Domain.Tests.Mapping;

/// <summary>
/// The mapping section at its edges (0 days, a tolerance of exactly 0 or 1, a 99.99 % rate), every empty key named,
/// and what the order mapping takes from it (channel payment methods, the shipping refund account).
/// </summary>
public class MappingSettingsEdgeSpecs
{
    private static IReadOnlyList<string> ErrorsAfter(Action<MappingSettings> change)
    {
        var settings = TestCompany.Settings();
        change(settings);
        return settings.Validate();
    }

    [Fact]
    public void The_edges_of_each_range_are_accepted()
    {
        Assert.Empty(ErrorsAfter(s => { s.DueInDays = "0"; s.TotalsTolerancePerLine = "0"; s.VatGroups["99.99"] = "O1"; s.ShippingTypes["express"] = "1"; }));
        Assert.Empty(ErrorsAfter(s => s.TotalsTolerancePerLine = "1"));
    }

    [Theory]
    [InlineData("-1", "Mapping:DueInDays must be a whole number of days (0 or more), was '-1'")]
    public void Negative_days_are_refused(string days, string expected)
    {
        Assert.Equal([expected], ErrorsAfter(s => s.DueInDays = days));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    [InlineData("a cent")]
    public void A_tolerance_outside_0_to_1_is_refused(string tolerance)
    {
        Assert.Equal([$"Mapping:TotalsTolerancePerLine must be an amount between 0 and 1, was '{tolerance}'"], ErrorsAfter(s => s.TotalsTolerancePerLine = tolerance));
    }

    [Fact]
    public void A_rate_of_100_percent_or_a_shipping_code_of_0_is_refused()
    {
        Assert.Equal(["Mapping:VatGroups:100 must be keyed by a tax rate in percent (0 to 99.99), '100' is not one"], ErrorsAfter(s => s.VatGroups["100"] = "O1"));
        Assert.Equal(["Mapping:ShippingTypes:express must be a positive ShippingTypes code, was '0'"], ErrorsAfter(s => s.ShippingTypes["express"] = "0"));
    }

    [Fact]
    public void Every_warehouse_a_section_names_must_be_there()
    {
        var errors = ErrorsAfter(s =>
        {
            s.DefaultWarehouse = " ";
            s.Channels["magento"].DefaultWarehouse = "";
            s.Returns.RestockWarehouse = null;
            s.Returns.WriteOffWarehouse = " ";
        });

        Assert.Equal(
        [
            "Mapping:DefaultWarehouse must name an SAP warehouse, was empty",
            "Mapping:Channels:magento:DefaultWarehouse must name an SAP warehouse, was empty",
            "Mapping:Returns:RestockWarehouse must name the SAP warehouse returns go back to, was empty",
            "Mapping:Returns:WriteOffWarehouse must name the SAP warehouse written-off returns go to, was empty",
        ], errors);
    }

    [Fact]
    public void An_empty_channel_location_or_payment_method_is_named_and_not_read_further()
    {
        var errors = ErrorsAfter(s =>
        {
            s.Channels["shopify"] = null!;
            s.Channels["sitoo"].Locations["3"] = null!;
            s.Channels["magento"].PaymentMethods["checkmo"] = null!;
            s.PaymentMethods["Voucher"] = null!;
        });

        Assert.Equal(
        [
            "Mapping:Channels:magento:PaymentMethods:checkmo is empty",
            "Mapping:Channels:shopify is empty",
            "Mapping:Channels:sitoo:Locations:3 is empty",
            "Mapping:PaymentMethods:Voucher is empty",
        ], errors.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_channel_s_own_payment_methods_are_checked_and_kept_apart_from_the_shared_ones()
    {
        var settings = TestCompany.Settings();
        settings.Channels["magento"].PaymentMethods["checkmo"] = new() { Account = "161020", Kind = "Transfer", Capture = "Reported" };

        var mapping = settings.ToOrderMapping();

        Assert.Equal(new PaymentAccount("161020", PaymentMeans.Transfer, PaymentCapture.Reported), mapping.ChannelPaymentAccounts["MAGENTO"]["CHECKMO"]);
        Assert.False(mapping.ChannelPaymentAccounts.ContainsKey("sitoo"));
        Assert.Equal(["Mapping:Channels:magento:PaymentMethods:checkmo:Capture must be AtCheckout or Reported, was 'Later'"],
            ErrorsAfter(s => s.Channels["magento"].PaymentMethods["checkmo"] = new() { Account = "161020", Kind = "Transfer", Capture = "Later" }));
    }

    [Fact]
    public void The_shipping_refund_account_is_trimmed_and_a_blank_one_is_none()
    {
        var settings = TestCompany.Settings();
        settings.Returns.ShippingRefundAccount = " 400000 ";
        var blank = TestCompany.Settings();
        blank.Returns.ShippingRefundAccount = "  ";

        Assert.Equal("400000", settings.ToOrderMapping().ShippingRefundAccount);
        Assert.Null(blank.ToOrderMapping().ShippingRefundAccount);
        Assert.Null(TestCompany.Settings().ToOrderMapping().ShippingRefundAccount);
    }

    [Fact]
    public void The_order_mapping_looks_channels_locations_and_methods_up_whatever_their_case()
    {
        var mapping = TestCompany.Settings().ToOrderMapping();

        Assert.Equal("POSGUEST", mapping.GuestCardCodes["SITOO"]);
        Assert.Equal("02", mapping.ChannelWarehouses["Sitoo"]);
        Assert.Equal("03", mapping.Locations["SITOO"]["2"].Warehouse);
        Assert.Equal(CustomerMatchRule.ChannelCustomerId, mapping.CustomerMatching["BigCommerce"]);
        Assert.Equal(new PaymentAccount("161010", PaymentMeans.Transfer), mapping.PaymentAccounts["CARD"]);
    }

    [Fact]
    public void The_exception_lists_each_problem_on_its_own_indented_line()
    {
        var settings = TestCompany.Settings();
        settings.DueInDays = "soon";
        settings.BatchAllocation = "LIFO";

        var error = Assert.Throws<MappingValidationException>(settings.ThrowIfInvalid);

        Assert.Equal(string.Join(Environment.NewLine, "Invalid mapping configuration:", "  Mapping:DueInDays must be a whole number of days (0 or more), was 'soon'",
            "  Mapping:BatchAllocation must be FEFO or FIFO, was 'LIFO'"), error.Message);
    }
}
