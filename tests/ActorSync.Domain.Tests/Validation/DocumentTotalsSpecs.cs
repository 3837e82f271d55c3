using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Tests.Validation;

/// <summary>
/// Whether a document's rows add up to what the customer paid: SAP's per-row tax, a cent of rounding allowed per row
/// (and exactly that much), and the words finance reads when it does not reconcile.
/// </summary>
public class DocumentTotalsSpecs
{
    /// <summary>Three rows at 20 %, 5 % and 20 % plus freight: 84.46 paid.</summary>
    private static readonly PricedRow[] Rows =
    [
        new("line 1 (ITM00017)", 20.30m, 4.06m), new("line 2 (ITM00021)", 39.98m, 2.00m), new("line 3 (ITM00017)", 10.15m, 2.03m), new("freight", 4.95m, 0.99m),
    ];

    [Theory]
    [InlineData(20.30, 20, 4.06)]
    [InlineData(39.98, 5, 2.00)]
    [InlineData(10.15, 7.7, 0.78)]
    [InlineData(0.05, 10, 0.01)]
    public void Sap_s_tax_is_the_net_times_the_rate_rounded_half_away_from_zero(decimal net, decimal rate, decimal tax)
    {
        Assert.Equal(tax, DocumentTotals.SapTax(net, rate));
    }

    [Theory]
    [InlineData(84.46)]
    [InlineData(84.50)]
    [InlineData(84.42)]
    public void A_cent_per_row_of_rounding_reconciles_up_to_its_edge(decimal paid)
    {
        Assert.Null(DocumentTotals.Reconcile(Rows, paid, 0.01m, "Order magento:100000451"));
    }

    [Fact]
    public void More_than_that_is_a_mismatch_naming_both_totals_the_difference_and_the_rounding_allowed()
    {
        var mismatch = DocumentTotals.Reconcile(Rows, 84.51m, 0.01m, "Order magento:100000451");

        Assert.Equal("Order magento:100000451: the document comes to 84.46 (net 75.38 + tax 9.08) but the channel's total is 84.51; "
            + "difference 0.05, more than the 0.04 rounding allowed for 4 rows.", mismatch!.Reason);
        Assert.NotNull(DocumentTotals.Reconcile(Rows, 84.41m, 0.01m, "Order magento:100000451"));
    }

    [Fact]
    public void A_document_without_rows_is_allowed_one_row_s_rounding()
    {
        Assert.Null(DocumentTotals.Reconcile([], 0.01m, 0.01m, "Order magento:100000451"));
        Assert.NotNull(DocumentTotals.Reconcile([], 0.02m, 0.01m, "Order magento:100000451"));
    }
}
