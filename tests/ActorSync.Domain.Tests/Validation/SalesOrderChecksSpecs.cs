using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Validation;

public class SalesOrderChecksSpecs
{
    private static ChannelOrder Order(ImmutableList<OrderLine> lines, decimal shipping = 5m, decimal shippingTax = 1m, string? method = "flatrate_flatrate", decimal? total = null) =>
        new("magento", "100", TestCompany.Today, "EUR", new CustomerRef(null, null, true), lines, shipping, shippingTax,
            total ?? lines.Sum(l => l.NetTotal + l.TaxAmount) + shipping + shippingTax, method);

    private static ImmutableList<string> Types(ChannelOrder order, MasterDataSnapshot? snapshot = null) =>
        SalesOrderChecks.Check(order, TestCompany.Mapping(), snapshot).Select(e => e.Type).ToImmutableList();

    [Fact]
    public void A_clean_order_raises_nothing_with_or_without_master_data()
    {
        var order = Order([new OrderLine("ITM00001", 2, 10m, 4m, 20m, "01")]);

        Assert.Empty(Types(order));
        Assert.Empty(Types(order, TestCompany.Snapshot()));
    }

    [Fact]
    public void Every_problem_is_listed_not_only_the_first()
    {
        var order = Order([new OrderLine("NOPE", 1, 10m, 1.2m, 12m, "01"), new OrderLine("ITM00009", 1, 10m, 2m, 20m, "01")], method: "carrier_pigeon");

        var types = Types(order, TestCompany.Snapshot());

        Assert.Equal(["unmapped-tax", "unknown-sku", "inactive-item", "unmapped-shipping"], types);
    }

    [Fact]
    public void A_mapped_rate_whose_vat_group_sap_defines_differently_is_a_mismatch_even_though_the_totals_reconcile()
    {
        // 25 % is mapped to O1, which SAP defines at 20 %. The channel's 2.50 tax is passed through, so the total is
        // what the customer paid, but the tax would be reported under the wrong group: finance must fix the mapping.
        var order = Order([new OrderLine("ITM00001", 1, 10m, 2.5m, 25m, "01")], shipping: 0, shippingTax: 0, method: null);

        Assert.Empty(Types(order));
        Assert.Equal(["tax-rate-mismatch"], Types(order, TestCompany.Snapshot()));
    }

    [Fact]
    public void A_cent_spread_across_rows_by_the_channel_is_rounding_not_a_mismatch()
    {
        // Magento's "calculate on total": three rows of 3.33 at 20 % carry 0.67, 0.67 and 0.66 (SAP: 0.67 each).
        var order = Order([new OrderLine("ITM00001", 1, 3.33m, 0.67m, 20m), new OrderLine("ITM00001", 1, 3.33m, 0.67m, 20m), new OrderLine("ITM00001", 1, 3.33m, 0.66m, 20m)],
            shipping: 0, shippingTax: 0, method: null);

        Assert.Empty(Types(order, TestCompany.Snapshot()));
    }

    [Fact]
    public void A_total_the_rows_do_not_explain_is_a_totals_mismatch_for_finance()
    {
        var order = Order([new OrderLine("ITM00001", 1, 10m, 2m, 20m)], total: 20m);

        var problem = Assert.Single(SalesOrderChecks.Check(order, TestCompany.Mapping(), null));

        Assert.Equal(("totals-mismatch", ActorSync.Domain.Exceptions.OwningTeam.Finance), (problem.Type, problem.Team));
        Assert.Contains("the channel's total is 20.00; difference 2.00", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipping_taxed_at_a_rate_without_a_vat_group_is_unmapped_tax()
    {
        var order = Order([new OrderLine("ITM00001", 1, 10m, 2m, 20m)], shipping: 11.09m, shippingTax: 0.91m);

        var problem = Assert.Single(SalesOrderChecks.Check(order, TestCompany.Mapping(), null));

        Assert.Equal("unmapped-tax", problem.Type);
        Assert.Contains("shipping is taxed at 8.21 %", problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_shipping_type_sap_lacks_is_unknown_shipping_type()
    {
        var mapping = TestCompany.Mapping() with { ShippingTypes = TestCompany.Mapping().ShippingTypes.SetItem("flatrate_flatrate", 9) };
        var order = Order([new OrderLine("ITM00001", 1, 10m, 2m, 20m)]);

        Assert.Equal(["unknown-shipping-type"], SalesOrderChecks.Check(order, mapping, TestCompany.Snapshot()).Select(e => e.Type));
    }
}
