using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using CsCheck;

namespace ActorSync.Domain.Tests;

public class SalesOrderBuilderSpecs
{
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");

    private static decimal SapTotal(SapDocument d) =>
        d.DocumentLines.Sum(l => l.LineTotal!.Value + l.TaxTotal!.Value) + (d.DocumentAdditionalExpenses?.Sum(e => e.LineTotal + (e.TaxSum ?? 0)) ?? 0);

    [Fact]
    public void The_channel_s_net_and_tax_go_to_sap_so_the_document_totals_what_the_customer_paid()
    {
        var order = OrderFixtures.WebOrder(qty: 3) with { Lines = [new OrderLine("ITM00001", 3, 3.33m, 2.00m, 20m)], TotalPaid = 9.99m + 2.00m + 6m };

        var document = SalesOrderBuilder.Build(order, Mapping).Document!;

        Assert.Equal((9.99m, 2.00m), (document.DocumentLines[0].LineTotal, document.DocumentLines[0].TaxTotal));
        Assert.Equal(1m, document.DocumentAdditionalExpenses![0].TaxSum);
        Assert.Equal(order.TotalPaid, SapTotal(document));
        Assert.DoesNotContain("rounding", document.Comments);
    }

    [Fact]
    public void A_channel_total_a_cent_off_its_lines_is_spread_over_the_line_tax_and_explained()
    {
        var order = OrderFixtures.WebOrder() with
        {
            Lines = [new OrderLine("ITM00001", 1, 10m, 2m, 20m), new OrderLine("ITM00002", 1, 5m, 1m, 20m)],
            TotalPaid = 10m + 2m + 5m + 1m + 6m + 0.02m,
        };

        var document = SalesOrderBuilder.Build(order, Mapping).Document!;

        Assert.Equal(order.TotalPaid, SapTotal(document));
        Assert.Equal([2.01m, 1.01m], document.DocumentLines.Select(l => l.TaxTotal!.Value));
        Assert.Contains("rounding +0.02", document.Comments);
    }

    /// <summary>
    /// Line tax as the channel computed it, to fractions of a cent: 3 × 5.76 at 20 % is 3.456, 46.90 at 5 % is 2.345
    /// (a half cent), 2 × 4.99 at 0 % is nothing; shipping 4.13 with 0.83 tax. Paid 84.93.
    /// </summary>
    private static ChannelOrder FractionalTaxOrder() => OrderFixtures.WebOrder() with
    {
        Lines =
        [
            new OrderLine("ITM00001", 3, 5.76m, 3.456m, 20m),
            new OrderLine("ITM00002", 1, 46.90m, 2.345m, 5m),
            new OrderLine("ITM00003", 2, 4.99m, 0m, 0m),
        ],
        ShippingAmount = 4.13m,
        ShippingTax = 0.83m,
        TotalPaid = 17.28m + 3.46m + 46.90m + 2.35m + 9.98m + 0m + 4.13m + 0.83m,
    };

    [Fact]
    public void Line_tax_goes_to_sap_rounded_to_the_cent_half_away_from_zero_not_floored_nor_truncated()
    {
        var document = SalesOrderBuilder.Build(FractionalTaxOrder(), Mapping).Document!;

        // Floor would send 3 and 2 (or 3.45 and 2.34 floored to the cent); banker's rounding would send 2.34.
        Assert.Equal([3.46m, 2.35m, 0m], document.DocumentLines.Select(l => l.TaxTotal!.Value));
        Assert.Equal([17.28m, 46.90m, 9.98m], document.DocumentLines.Select(l => l.LineTotal!.Value));
        Assert.Equal(["O1", "O2", "O0"], document.DocumentLines.Select(l => l.VatGroup));
        Assert.Equal(84.93m, SapTotal(document));
        Assert.DoesNotContain("rounding", document.Comments);
    }

    [Theory]
    [InlineData(3.456, 3.46)]
    [InlineData(3.451, 3.45)]
    [InlineData(0.995, 1.00)]
    [InlineData(12.005, 12.01)]
    [InlineData(7.0049, 7.00)]
    public void A_single_line_s_tax_is_rounded_to_the_cent_before_it_is_sent(double channelTax, double sent)
    {
        var tax = (decimal)channelTax;
        var expected = (decimal)sent;
        var order = OrderFixtures.WebOrder() with
        {
            Lines = [new OrderLine("ITM00001", 1, 17.28m, tax, 20m)],
            ShippingAmount = 0m,
            ShippingTax = 0m,
            TotalPaid = 17.28m + expected,
        };

        var document = SalesOrderBuilder.Build(order, Mapping).Document!;

        // Sent as rounded, not floored and then patched up by the rounding spread (which would say so in the comment).
        Assert.Equal(expected, Assert.Single(document.DocumentLines).TaxTotal);
        Assert.DoesNotContain("rounding", document.Comments);
    }

    [Fact]
    public void Whatever_the_lines_fractions_the_document_sends_exactly_what_the_channel_charged()
    {
        var rates = new[] { 0m, 5m, 20m };
        var lineGen = Gen.Select(Gen.Int[1, 9], Gen.Int[1, 99_999], Gen.Int[0, 2], Gen.Int[0, 999])
            .Select((qty, unitCents, rate, taxMills) => new OrderLine("ITM00001", qty, unitCents / 100m, taxMills / 1000m + qty * unitCents / 100m * rates[rate] / 100m, rates[rate]));
        Gen.Select(lineGen.List[1, 6], Gen.Int[-3, 3]).Sample((lines, centsOff) =>
        {
            var paid = lines.Sum(l => l.NetTotal + Math.Round(l.TaxAmount, 2, MidpointRounding.AwayFromZero)) + 5m + 1m + centsOff / 100m;
            var order = OrderFixtures.WebOrder() with { Lines = [.. lines], TotalPaid = paid };

            var document = SalesOrderBuilder.Build(order, Mapping).Document!;

            Assert.Equal(paid, SapTotal(document));
            Assert.All(document.DocumentLines, l => Assert.Equal(l.TaxTotal, Math.Round(l.TaxTotal!.Value, 2)));
            Assert.Equal(centsOff == 0, !document.Comments!.Contains("rounding"));
        });
    }

    [Fact]
    public void The_header_carries_partner_key_dates_comment_and_freight_at_the_rate_its_tax_implies()
    {
        var document = SalesOrderBuilder.Build(FractionalTaxOrder(), Mapping).Document!;

        Assert.Equal(("WEBGUEST", "MAGENTO-1001", "2026-11-23", "2026-11-26", 1), (document.CardCode, document.NumAtCard, document.DocDate, document.DocDueDate, document.TransportationCode));
        Assert.Equal("magento order 1001 (ActorSync)", document.Comments);
        // 0.83 on 4.13 is 20.1 %: the freight goes at the 20 % group.
        Assert.Equal(new SapAdditionalExpense(1, 4.13m, "O1", 0.83m), Assert.Single(document.DocumentAdditionalExpenses!));
        Assert.Equal(["01", "01", "01"], document.DocumentLines.Select(l => l.WarehouseCode));
        Assert.Equal([(3m, 5.76m), (1m, 46.90m), (2m, 4.99m)], document.DocumentLines.Select(l => (l.Quantity, l.UnitPrice)));
    }

    [Fact]
    public void Freight_at_five_percent_takes_the_five_percent_group_and_no_freight_sends_no_expense()
    {
        var reduced = FractionalTaxOrder() with { ShippingAmount = 4.95m, ShippingTax = 0.25m, TotalPaid = 84.93m - 4.96m + 5.20m };
        var free = FractionalTaxOrder() with { ShippingAmount = 0m, ShippingTax = 0m, TotalPaid = 84.93m - 4.96m, ShippingMethod = null };

        Assert.Equal("O2", Assert.Single(SalesOrderBuilder.Build(reduced, Mapping).Document!.DocumentAdditionalExpenses!).VatGroup);
        var freeDocument = SalesOrderBuilder.Build(free, Mapping).Document!;
        Assert.Null(freeDocument.DocumentAdditionalExpenses);
        Assert.Null(freeDocument.TransportationCode);
        Assert.Equal(79.97m, SapTotal(freeDocument));
    }

    [Fact]
    public void A_channel_total_under_its_lines_takes_cents_off_the_largest_lines_first_and_wraps_round()
    {
        // Paid four cents less than the lines: 46.90 loses two (it is largest, and the fourth cent wraps round), then 17.28 and 9.98 one each.
        var order = FractionalTaxOrder() with { TotalPaid = 84.93m - 0.04m };

        var document = SalesOrderBuilder.Build(order, Mapping).Document!;

        Assert.Equal([3.45m, 2.33m, -0.01m], document.DocumentLines.Select(l => l.TaxTotal!.Value));
        Assert.Equal(84.89m, SapTotal(document));
        Assert.Equal("magento order 1001 (ActorSync); rounding -0.04 spread over line tax to match the channel's total 84.89", document.Comments);
    }

    [Theory]
    [InlineData("no lines", "invalid-order", "Order magento:1001 has no lines.")]
    [InlineData("blank sku", "invalid-order", "Order magento:1001 has a line without a SKU.")]
    [InlineData("zero quantity", "invalid-order", "Order magento:1001, SKU ITM00001: quantity 0 is not positive.")]
    [InlineData("unmapped rate", "unmapped-tax", "Order magento:1001, SKU ITM00001: tax rate 25% has no VAT group.")]
    [InlineData("unmapped shipping", "unmapped-shipping", "Order magento:1001: shipping method 'drone' has no SAP shipping type.")]
    [InlineData("no guest partner", "invalid-order", "Order magento:1001: no customer and no guest business partner configured for channel 'magento'.")]
    public void What_keeps_an_order_from_sap_is_named(string what, string type, string reason)
    {
        var order = FractionalTaxOrder();
        var mapping = Mapping;
        switch (what)
        {
            case "no lines": order = order with { Lines = [] }; break;
            case "blank sku": order = order with { Lines = [order.Lines[0] with { Sku = " " }] }; break;
            case "zero quantity": order = order with { Lines = [order.Lines[0] with { Quantity = 0 }] }; break;
            case "unmapped rate": order = order with { Lines = [order.Lines[0] with { TaxRate = 25m }] }; break;
            case "unmapped shipping": order = order with { ShippingMethod = "drone" }; break;
            case "no guest partner": mapping = Mapping with { GuestCardCodes = Mapping.GuestCardCodes.Clear() }; break;
        }

        var result = SalesOrderBuilder.Build(order, mapping);

        Assert.Null(result.Document);
        Assert.Equal((type, reason), (result.Exception!.Type, result.Exception.Reason));
    }

    [Fact]
    public void A_line_that_names_its_warehouse_keeps_it_and_the_others_take_the_default()
    {
        var order = FractionalTaxOrder() with { Lines = [FractionalTaxOrder().Lines[0] with { Warehouse = "03" }, FractionalTaxOrder().Lines[1], FractionalTaxOrder().Lines[2]] };

        Assert.Equal(["03", "01", "01"], SalesOrderBuilder.Build(order, Mapping).Document!.DocumentLines.Select(l => l.WarehouseCode));
    }
}
