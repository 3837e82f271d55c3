using System.Net;
using ActorSync.Emulators.ServiceLayer.Company;
using static ActorSync.Emulators.Tests.ServiceLayer.RuleHarness;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Service-type A/R documents (DocType dDocument_Service): rows on G/L accounts instead of items.</summary>
public class ServiceDocumentSpecs
{
    private readonly RuleHarness _h = new();

    private static string ServiceRow(string description, string account, string amount, string vatGroup = "O1") =>
        $$"""{"ItemDescription":"{{description}}","AccountCode":"{{account}}",{{amount}},"VatGroup":"{{vatGroup}}"}""";

    private static string ServiceDoc(string card, params string[] rows) =>
        $$"""{"DocType":"dDocument_Service","CardCode":"{{card}}","DocumentLines":[{{string.Join(',', rows)}}]}""";

    [Fact]
    public void A_service_credit_note_totals_its_rows_tax_and_freight_like_an_item_document()
    {
        var note = _h.PostDocument(DocumentSets.CreditNotes, $$"""
            {"DocType":"dDocument_Service","CardCode":"C00001","DocumentLines":[
              {{ServiceRow("Goodwill refund", "400000", "\"LineTotal\":100")}},
              {{ServiceRow("Handling", "400000", "\"Price\":10", "O2")}},
              {{ServiceRow("Gift wrap", "400000", "\"PriceAfterVAT\":6")}}],
             "DocumentAdditionalExpenses":[{"ExpenseCode":1,"LineTotal":5}]}
            """);

        Assert.Equal(MarketingDocument.ServiceType, note.DocType);
        Assert.Equal((100m, 20m), (note.Lines[0].LineTotal, note.Lines[0].TaxTotal));
        Assert.Equal((10m, 0.5m), (note.Lines[1].LineTotal, note.Lines[1].TaxTotal));
        Assert.Equal((5m, 1m, 6m), (note.Lines[2].LineTotal, note.Lines[2].TaxTotal, note.Lines[2].GrossTotal));
        Assert.Equal(20m + 0.5m + 1m + 1m, note.VatSum);
        Assert.Equal(100m + 10m + 5m + 5m + note.VatSum, note.DocTotal);
        Assert.All(note.Lines, l => Assert.Equal(("", "", "400000"), (l.ItemCode, l.WarehouseCode, l.AccountCode)));
    }

    [Fact]
    public void A_service_row_keeps_an_explicit_tax_total_as_item_rows_do()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, ServiceDoc("C00001", ServiceRow("Installation", "400000", "\"LineTotal\":50,\"TaxTotal\":9.99")));
        Assert.Equal((9.99m, 59.99m), (invoice.VatSum, invoice.DocTotal));
    }

    [Fact]
    public void An_unknown_account_on_a_service_row_is_rejected_naming_the_field_and_line()
    {
        var error = _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001",
            ServiceRow("Refund", "400000", "\"LineTotal\":1"), ServiceRow("Refund", "999999", "\"LineTotal\":1")));
        Assert.Equal((400, -10), (error.HttpStatus, error.Code));
        Assert.Equal("G/L account is not valid [RIN1.AcctCode][line: 2] , '999999'", error.SapMessage);
        Assert.Equal("G/L account is not valid [RIN1.AcctCode][line: 1] , ''",
            _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"ItemDescription":"Refund","LineTotal":1,"VatGroup":"O1"}""")).SapMessage);
    }

    [Fact]
    public void An_item_code_on_a_service_row_is_rejected()
    {
        var item = _h.Plain().ItemCode;
        var error = _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001",
            $$"""{"ItemCode":"{{item}}","ItemDescription":"Refund","AccountCode":"400000","LineTotal":1,"VatGroup":"O1"}"""));
        Assert.Equal(-10, error.Code);
        Assert.Equal($"Item code is not allowed in a service document [RIN1.ItemCode][line: 1] , '{item}'", error.SapMessage);
    }

    [Fact]
    public void A_service_row_without_a_description_or_with_a_warehouse_is_rejected()
    {
        Assert.Equal("Specify a description for the service row [RIN1.Dscription][line: 1]",
            _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"AccountCode":"400000","LineTotal":1,"VatGroup":"O1"}""")).SapMessage);
        Assert.Equal(-5002, _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001",
            """{"ItemDescription":"Refund","AccountCode":"400000","LineTotal":1,"VatGroup":"O1","WarehouseCode":"01"}""")).Code);
    }

    [Fact]
    public void A_service_row_based_on_an_item_invoice_is_rejected()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, Doc("C00001", Line(_h.Plain().ItemCode, 1, "\"PriceAfterVAT\":12")));
        var error = _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001",
            $$"""{"BaseType":13,"BaseEntry":{{invoice.DocEntry}},"BaseLine":0,"ItemDescription":"Refund","AccountCode":"400000","LineTotal":10,"VatGroup":"O1"}"""));
        Assert.Equal((400, -10), (error.HttpStatus, error.Code));
        Assert.Equal("Base document type and target document type do not match (dDocument_Items, dDocument_Service) [RIN1.BaseEntry][line: 1]", error.SapMessage);
        Assert.Equal(1m, _h.Company.Invoices.Single().Lines[0].RemainingOpenQuantity);
    }

    [Fact]
    public void An_item_row_based_on_a_service_invoice_is_rejected()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, ServiceDoc("C00001", ServiceRow("Repair", "400000", "\"LineTotal\":100")));
        Assert.Equal(-10, _h.Reject(DocumentSets.CreditNotes, Doc("C00001", Based(13, invoice.DocEntry, 0))).Code);
    }

    [Fact]
    public void An_inactive_or_missing_vat_group_on_a_service_row_is_rejected()
    {
        var error = _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001", ServiceRow("Refund", "400000", "\"LineTotal\":10", CompanyCatalog.VatRetired)));
        Assert.Equal(-10, error.Code);
        Assert.Equal("10000180 - Specify valid tax code [RIN1.VatGroup][line: 1] , 'O9'", error.SapMessage);
        Assert.Equal(-10, _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"ItemDescription":"Refund","AccountCode":"400000","LineTotal":1}""")).Code);
    }

    [Fact]
    public void A_service_credit_note_credits_what_is_open_on_its_service_invoice_row_and_no_more()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, ServiceDoc("C00001", ServiceRow("Repair", "400000", "\"PriceAfterVAT\":119.99")));
        var part = _h.PostDocument(DocumentSets.CreditNotes, ServiceDoc("C00001",
            """{"BaseType":13,"BaseEntry":1,"BaseLine":0,"LineTotal":30}"""));
        Assert.Equal(("Repair", "400000", "O1", 36m), (part.Lines[0].ItemDescription, part.Lines[0].AccountCode, part.Lines[0].VatGroup, part.DocTotal));
        Assert.Equal(invoice.Lines[0].LineTotal - 30m, _h.Company.Invoices.Single().Lines[0].OpenAmount);

        var over = _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"BaseType":13,"BaseEntry":1,"BaseLine":0,"LineTotal":80}"""));
        Assert.Equal("Amount 80.00 exceeds the open amount 69.99 of the base document row [RIN1.LineTotal][line: 1]", over.SapMessage);

        var rest = _h.PostDocument(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"BaseType":13,"BaseEntry":1,"BaseLine":0}"""));
        Assert.Equal(69.99m, rest.Lines[0].LineTotal);
        Assert.Equal(("bost_Close", 0m), (_h.Company.Invoices.Single().DocumentStatus, _h.Company.Invoices.Single().Lines[0].OpenAmount));
        Assert.Equal(-10, _h.Reject(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"BaseType":13,"BaseEntry":1,"BaseLine":0}""")).Code);
    }

    [Fact]
    public void Crediting_a_whole_service_invoice_row_gives_back_exactly_what_was_charged()
    {
        var invoice = _h.PostDocument(DocumentSets.Invoices, ServiceDoc("C00001", ServiceRow("Repair", "400000", "\"PriceAfterVAT\":19.99")));
        var note = _h.PostDocument(DocumentSets.CreditNotes, ServiceDoc("C00001", """{"BaseType":13,"BaseEntry":1,"BaseLine":0}"""));
        Assert.Equal((19.99m, invoice.VatSum), (note.DocTotal, note.VatSum));
    }

    [Fact]
    public void Service_documents_exist_for_ar_invoices_and_credit_notes_only()
    {
        var error = _h.Reject(DocumentSets.Orders, ServiceDoc("C00001", ServiceRow("Repair", "400000", "\"LineTotal\":1")));
        Assert.Equal(-5002, error.Code);
        Assert.Equal(-1000, _h.Reject(DocumentSets.Invoices, """{"DocType":"dDocument_Other","CardCode":"C00001","DocumentLines":[]}""").Code);
    }

    [Fact]
    public void An_item_row_may_name_its_account_which_must_exist()
    {
        var item = _h.Plain().ItemCode;
        var order = _h.PostDocument(DocumentSets.Orders, Doc("C00001", Line(item, 1, "\"AccountCode\":\"400000\"")));
        Assert.Equal("400000", order.Lines[0].AccountCode);
        Assert.Equal("G/L account is not valid [RDR1.AcctCode][line: 1] , '4'",
            _h.Reject(DocumentSets.Orders, Doc("C00001", Line(item, 1, "\"AccountCode\":\"4\""))).SapMessage);
    }

    [Fact]
    public async Task Service_documents_answer_queries_with_their_type_and_item_documents_read_dDocument_Items()
    {
        await using var emulator = await Emulators.StartSmallAsync();
        using var http = await Emulators.LoggedInAsync(emulator);
        var item = emulator.Company.FirstPlainActiveItems(1)[0].ItemCode;
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("Invoices", Doc("C00001", Line(item, 1)))).StatusCode);
        var posted = await http.PostAsync("CreditNotes", $$"""
            {"DocType":"dDocument_Service","CardCode":"C00001","NumAtCard":"RMA-7","DocumentLines":[{{ServiceRow("Goodwill", "400000", "\"LineTotal\":10")}}]}
            """);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var page = await http.GetJsonAsync("CreditNotes?$select=DocEntry,DocType,DocTotal,DocumentLines&$filter=" + Uri.EscapeDataString("NumAtCard eq 'RMA-7'"));
        var note = Assert.Single(page.GetProperty("value").EnumerateArray());
        Assert.Equal(("dDocument_Service", 12m), (note.GetProperty("DocType").GetString(), note.GetProperty("DocTotal").GetDecimal()));
        var row = note.GetProperty("DocumentLines")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("ItemCode").ValueKind);
        Assert.Equal(("Goodwill", "400000", 10m), (row.GetProperty("ItemDescription").GetString(), row.GetProperty("AccountCode").GetString(), row.GetProperty("OpenAmount").GetDecimal()));

        var byType = await http.GetJsonAsync("CreditNotes/$count?$filter=" + Uri.EscapeDataString("DocType eq 'S'"));
        Assert.Equal(1, byType.GetInt32());
        Assert.Equal("dDocument_Items", (await http.GetJsonAsync("Invoices(1)?$select=DocType")).GetProperty("DocType").GetString());
    }
}
