using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Documents;
using static ActorSync.Emulators.Tests.ServiceLayer.RuleHarness;

namespace ActorSync.Emulators.Tests.ServiceLayer;

public class DocumentTotalsSpecs
{
    private readonly RuleHarness _h = new();

    [Fact]
    public void Net_prices_get_vat_from_the_line_group_rounded_per_line()
    {
        var item = _h.Plain().ItemCode;
        var doc = _h.PostDocument(DocumentSets.Orders, Doc("C00001",
            Line(item, 3, "\"UnitPrice\":3.335,\"VatGroup\":\"O1\""),
            Line(item, 1, "\"UnitPrice\":10,\"DiscountPercent\":10,\"VatGroup\":\"O2\"")));
        Assert.Equal((10.01m, 2.00m), (doc.Lines[0].LineTotal, doc.Lines[0].TaxTotal)); // 3 × 3.335 = 10.005 → 10.01; 20 % → 2.002 → 2.00
        Assert.Equal((9m, 9m, 0.45m), (doc.Lines[1].Price, doc.Lines[1].LineTotal, doc.Lines[1].TaxTotal));
        Assert.Equal(2.45m, doc.VatSum);
        Assert.Equal(10.01m + 9m + 2.45m, doc.DocTotal);
    }

    [Fact]
    public void Gross_prices_make_DocTotal_equal_what_the_customer_paid()
    {
        var items = _h.Company.FirstPlainActiveItems(3).Select(i => i.ItemCode).ToList();
        var doc = _h.PostDocument(DocumentSets.Invoices, $$"""
            {"CardCode":"WEBGUEST","DocumentLines":[
              {"ItemCode":"{{items[0]}}","Quantity":3,"PriceAfterVAT":19.99,"VatGroup":"O1"},
              {"ItemCode":"{{items[1]}}","Quantity":1,"PriceAfterVAT":4.99,"VatGroup":"O2"},
              {"ItemCode":"{{items[2]}}","Quantity":7,"PriceAfterVAT":0.33,"VatGroup":"O1"}],
             "DocumentAdditionalExpenses":[{"ExpenseCode":1,"LineGross":4.95}]}
            """);
        Assert.Equal(3 * 19.99m + 4.99m + 7 * 0.33m + 4.95m, doc.DocTotal);
        Assert.All(doc.Lines, l => Assert.Equal(l.GrossTotal, l.LineTotal + l.TaxTotal));
        Assert.Equal((4.13m, 0.82m), (doc.Expenses[0].LineTotal, doc.Expenses[0].TaxSum));
    }

    [Fact]
    public void Explicit_tax_on_a_line_wins()
    {
        var doc = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(_h.Plain().ItemCode, 1, "\"PriceAfterVAT\":10,\"TaxTotal\":1.5")));
        Assert.Equal((8.5m, 1.5m, 10m), (doc.Lines[0].LineTotal, doc.Lines[0].TaxTotal, doc.DocTotal));
    }

    [Fact]
    public void Lines_without_price_take_the_price_list_and_the_items_vat_group()
    {
        var item = _h.Company.FindItem("ITM00005")!; // ends in 5: reduced rate O2
        var doc = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item.ItemCode, 2)));
        Assert.Equal(("O2", item.RetailPrice, LinePricing.Round2(2 * item.RetailPrice)), (doc.Lines[0].VatGroup, doc.Lines[0].UnitPrice, doc.Lines[0].LineTotal));
    }

    [Fact]
    public void Copied_documents_keep_the_base_prices_so_totals_match()
    {
        var item = _h.Plain().ItemCode;
        var order = _h.PostDocument(DocumentSets.Orders, Doc("WEBGUEST", Line(item, 2, "\"PriceAfterVAT\":14.99")));
        var delivery = _h.PostDocument(DocumentSets.DeliveryNotes, Doc("WEBGUEST", Based(17, order.DocEntry, 0)));
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("WEBGUEST", Based(15, delivery.DocEntry, 0)));
        Assert.Equal(29.98m, order.DocTotal);
        Assert.Equal(order.DocTotal, delivery.DocTotal);
        Assert.Equal(order.DocTotal, invoice.DocTotal);
    }

    [Fact]
    public void Inventory_documents_carry_no_vat()
    {
        var doc = _h.PostDocument(DocumentSets.InventoryGenEntries, $$"""{"DocumentLines":[{{Line(_h.Plain().ItemCode, 2, "\"Price\":4")}}]}""");
        Assert.Equal((8m, 0m, 8m), (doc.Lines[0].LineTotal, doc.VatSum, doc.DocTotal));
    }

    [Fact]
    public void A_sent_DocTotal_must_match_the_rows()
    {
        var item = _h.Plain().ItemCode;
        var ok = _h.PostDocument(DocumentSets.Invoices, $$"""{"CardCode":"WEBGUEST","DocTotal":24,"DocumentLines":[{{Line(item, 2, "\"PriceAfterVAT\":12")}}]}""");
        Assert.Equal(24m, ok.DocTotal);
        var error = _h.Reject(DocumentSets.Invoices, $$"""{"CardCode":"WEBGUEST","DocTotal":20,"DocumentLines":[{{Line(item, 2, "\"PriceAfterVAT\":12")}}]}""");
        Assert.Equal(-5002, error.Code);
    }
}
