using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;

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
}
