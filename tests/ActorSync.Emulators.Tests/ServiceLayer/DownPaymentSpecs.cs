using ActorSync.Emulators.ServiceLayer.Company;
using static ActorSync.Emulators.Tests.ServiceLayer.RuleHarness;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>
/// A/R down payment invoices (DownPayments, ODPI, object 203): asked for against a sales order, paid by an incoming
/// payment (<c>InvoiceType it_DownPayment</c>), then drawn by the invoices that follow (<c>DownPaymentsToDraw</c>).
/// </summary>
public class DownPaymentSpecs
{
    private readonly RuleHarness _h = new();

    /// <summary>A sales order of two rows at two prices, tax-inclusive (the item's own VAT group).</summary>
    private MarketingDocument Order() => _h.PostDocument(DocumentSets.Orders,
        Doc("C00001", Line(_h.Plain().ItemCode, 2, "\"PriceAfterVAT\":24.95"), Line(_h.Plain(1).ItemCode, 1, "\"PriceAfterVAT\":17.59")));

    private MarketingDocument DownPayment(MarketingDocument order, decimal? total) => _h.PostDocument(DocumentSets.DownPayments, $$"""
        {"CardCode":"C00001","NumAtCard":"100000123/DP0","DownPaymentType":"dptInvoice"{{(total is { } t ? ",\"DocTotal\":" + Fmt(t) : "")}},
         "DocumentLines":[{{Based(17, order.DocEntry, 0)}},{{Based(17, order.DocEntry, 1)}}]}
        """);

    private static string Pay(int docEntry, decimal amount, string type) => $$"""
        {"DocType":"rCustomer","CardCode":"C00001","TransferAccount":"161020","TransferSum":{{Fmt(amount)}},"TransferDate":"2026-12-01",
         "PaymentInvoices":[{"DocEntry":{{docEntry}},"SumApplied":{{Fmt(amount)}},"InvoiceType":"{{type}}"}]}
        """;

    private static string Fmt(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private MarketingDocument Invoice(MarketingDocument order, int line, string draws) => _h.PostDocument(DocumentSets.Invoices, $$"""
        {"CardCode":"C00001","DocumentLines":[{{Based(17, order.DocEntry, line)}}],"DownPaymentsToDraw":[{{draws}}]}
        """);

    [Fact]
    public void A_down_payment_asks_for_what_was_sent_moves_no_stock_and_leaves_the_order_open()
    {
        var order = Order();
        var before = _h.Stock(_h.Plain().ItemCode);

        var dp = DownPayment(order, 50.00m);

        Assert.Equal((50.00m, "bost_Open"), (dp.DocTotal, dp.DocumentStatus));
        Assert.Equal(Math.Round(50.00m / order.DocTotal * 100, 4, MidpointRounding.AwayFromZero), dp.DownPaymentPercentage);
        Assert.Equal(before, _h.Stock(_h.Plain().ItemCode));
        Assert.All(order.Lines, l => Assert.Equal((true, l.Quantity), (l.Open, l.RemainingOpenQuantity)));
        Assert.Equal("bost_Open", _h.Company.Orders.Single().DocumentStatus);
    }

    [Fact]
    public void An_incoming_payment_of_type_it_DownPayment_settles_the_down_payment_and_closes_it()
    {
        var order = Order();
        var dp = DownPayment(order, null);
        Assert.Equal(order.DocTotal, dp.DocTotal);

        var payment = (PaymentDocument)_h.Post(DocumentSets.IncomingPayments, Pay(dp.DocEntry, dp.DocTotal, "it_DownPayment"));

        var paid = _h.Company.DownPayments.Single();
        Assert.Equal((dp.DocTotal, "bost_Close"), (paid.PaidToDate, paid.DocumentStatus));
        Assert.Equal("it_DownPayment", payment.PaymentInvoices[0].InvoiceType);
        Assert.Equal(-10, _h.Reject(DocumentSets.IncomingPayments, Pay(dp.DocEntry, 0.01m, "it_DownPayment")).Code);
    }

    [Fact]
    public void Invoices_draw_the_down_payment_off_what_they_ask_for_and_close_when_it_covers_them()
    {
        var order = Order();
        var dp = DownPayment(order, null);
        _h.Post(DocumentSets.IncomingPayments, Pay(dp.DocEntry, dp.DocTotal, "it_DownPayment"));

        var first = Invoice(order, 0, $$"""{"DocEntry":{{dp.DocEntry}},"GrossAmountToDraw":49.90}""");
        Assert.Equal((49.90m, 0m, "bost_Close"), (first.DownPaymentAmount, first.DocTotal, first.DocumentStatus));

        var second = Invoice(order, 1, $$"""{"DocEntry":{{dp.DocEntry}},"GrossAmountToDraw":17.59}""");
        Assert.Equal((17.59m, 0m, "bost_Close"), (second.DownPaymentAmount, second.DocTotal, second.DocumentStatus));
        Assert.Equal(dp.DocTotal, _h.Company.DownPayments.Single().DrawnToDate);
    }

    [Fact]
    public void A_partial_draw_leaves_the_rest_for_an_incoming_payment()
    {
        var order = Order();
        var dp = DownPayment(order, 30.00m);

        var invoice = Invoice(order, 0, $$"""{"DocEntry":{{dp.DocEntry}},"GrossAmountToDraw":30.00}""");
        Assert.Equal((30.00m, 19.90m, "bost_Open"), (invoice.DownPaymentAmount, invoice.DocTotal, invoice.DocumentStatus));

        _h.Post(DocumentSets.IncomingPayments, Pay(invoice.DocEntry, 19.90m, "it_Invoice"));
        Assert.Equal("bost_Close", _h.Company.Invoices.Single().DocumentStatus);
    }

    [Fact]
    public void Drawing_more_than_is_left_or_more_than_the_invoice_is_refused_and_nothing_moves()
    {
        var order = Order();
        var dp = DownPayment(order, 30.00m);

        var error = _h.Reject(DocumentSets.Invoices, $$"""
            {"CardCode":"C00001","DocumentLines":[{{Based(17, order.DocEntry, 0)}}],"DownPaymentsToDraw":[{"DocEntry":{{dp.DocEntry}},"GrossAmountToDraw":30.01}]}
            """);
        Assert.Equal($"Amount 30.01 exceeds what is left to draw, 30.00, of down payment {dp.DocNum} [INV9.DrawnSum][line: 1]", error.SapMessage);

        var big = DownPayment(order, order.DocTotal);
        error = _h.Reject(DocumentSets.Invoices, $$"""
            {"CardCode":"C00001","DocumentLines":[{{Based(17, order.DocEntry, 1)}}],"DownPaymentsToDraw":[{"DocEntry":{{big.DocEntry}},"GrossAmountToDraw":20.00}]}
            """);
        Assert.Equal("The down payments drawn, 20.00, exceed the invoice's total 17.59 [OINV.DpmAmnt]", error.SapMessage);
        Assert.Empty(_h.Company.Invoices);
        Assert.All(_h.Company.DownPayments, d => Assert.Equal(0m, d.DrawnToDate));
        Assert.All(_h.Company.Orders.Single().Lines, l => Assert.True(l.Open));
    }

    [Fact]
    public void A_down_payment_request_an_unknown_down_payment_and_a_share_above_the_rows_are_refused()
    {
        var order = Order();
        Assert.Contains("down payment invoices only", _h.Reject(DocumentSets.DownPayments, $$"""
            {"CardCode":"C00001","DownPaymentType":"dptRequest","DocumentLines":[{{Based(17, order.DocEntry, 0)}}]}
            """).SapMessage);
        Assert.Contains("[ODPI.DocTotal]", _h.Reject(DocumentSets.DownPayments, $$"""
            {"CardCode":"C00001","DocTotal":{{Fmt(order.DocTotal + 0.01m)}},"DocumentLines":[{{Based(17, order.DocEntry, 0)}},{{Based(17, order.DocEntry, 1)}}]}
            """).SapMessage);
        Assert.Contains("INV9.BaseAbs", _h.Reject(DocumentSets.Invoices, $$"""
            {"CardCode":"C00001","DocumentLines":[{{Based(17, order.DocEntry, 0)}}],"DownPaymentsToDraw":[{"DocEntry":999,"GrossAmountToDraw":1}]}
            """).SapMessage);
    }
}
